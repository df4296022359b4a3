import { Group, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Schemas } from '../../api/types';
import { ProblemList } from '../../layout/problems';
import { useTemplates } from './hooks';

type Variable = Schemas['TemplateVariableResponse'];

const INPUT_TYPE: Record<string, string> = { date: 'date', time: 'time', minutes: 'number', url: 'url', text: 'text' };

/** Whether every variable of the template has a value. */
export function templateFilled(variables: Variable[], values: Record<string, string>): boolean {
  return variables.every((v) => (values[v.name] ?? '').trim() !== '');
}

/**
 * A notice from the template catalog: pick one, fill its variables. The catalog gives the text in
 * every language it has (origin `catalog` in the preview), so no message is written by hand.
 */
export function TemplateFields({
  templateKey,
  values,
  error,
  onChange,
}: {
  templateKey: string | null;
  values: Record<string, string>;
  error: Error | null;
  onChange: (templateKey: string | null, values: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const templates = useTemplates();
  const chosen = templates.data?.find((tpl) => tpl.key === templateKey);
  return (
    <>
      <Select
        label={t('notices.template')}
        description={t('notices.templateHelp')}
        placeholder={t('notices.noTemplate')}
        data={(templates.data ?? []).map((tpl) => ({ value: tpl.key, label: tpl.title }))}
        value={templateKey}
        onChange={(key) => onChange(key, {})}
        clearable
        searchable
        maw={420}
      />
      {chosen && (
        <>
          <Text size="sm">{t('notices.templateLanguages', { count: chosen.languages.length })}</Text>
          <Group align="flex-start">
            {chosen.variables.map((v) => (
              <TextInput
                key={v.name}
                type={INPUT_TYPE[v.kind] ?? 'text'}
                label={t(`notices.variables.${v.name}`, { defaultValue: v.name })}
                value={values[v.name] ?? ''}
                onChange={(e) => onChange(chosen.key, { ...values, [v.name]: e.currentTarget.value })}
                required
                withAsterisk={false}
                error={error ? <ProblemList error={error} field={`template.variables.${v.name}`} /> : undefined}
              />
            ))}
          </Group>
        </>
      )}
    </>
  );
}
