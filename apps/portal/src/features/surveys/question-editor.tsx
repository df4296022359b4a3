import { ActionIcon, Group, NumberInput, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QuestionKind, SurveyQuestion } from './hooks';

/** A question as the form holds it: choice options one per line, until the draft is built. */
export interface QuestionForm {
  text: string;
  kind: QuestionKind;
  options: string;
  min: number;
  max: number;
}

export const EMPTY_QUESTION: QuestionForm = { text: '', kind: 'yesno', options: '', min: 1, max: 5 };

/** The API's question: keys 1…n for the question and its options, as families reply with them. */
export function toQuestion(form: QuestionForm, index: number): SurveyQuestion {
  const base = { key: String(index + 1), text: form.text.trim(), kind: form.kind };
  if (form.kind === 'choice') {
    const labels = form.options
      .split('\n')
      .map((label) => label.trim())
      .filter(Boolean);
    return { ...base, options: labels.map((label, i) => ({ key: String(i + 1), label })) };
  }
  if (form.kind === 'scale') return { ...base, scale: { min: form.min, max: form.max } };
  return base;
}

/** One question of a survey: its text, its kind and what the kind needs. */
export function QuestionEditor({
  index,
  value,
  onChange,
  onRemove,
}: {
  index: number;
  value: QuestionForm;
  onChange: (patch: Partial<QuestionForm>) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={t('surveys.questionN', { n })}>
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap">
          <Textarea
            style={{ flex: 1 }}
            label={t('surveys.questionText', { n })}
            value={value.text}
            onChange={(e) => onChange({ text: e.currentTarget.value })}
            autosize
            minRows={1}
            required
            withAsterisk={false}
          />
          <Select
            label={t('surveys.kind', { n })}
            data={(['yesno', 'choice', 'scale', 'text'] as const).map((kind) => ({ value: kind, label: t(`surveys.kinds.${kind}`) }))}
            value={value.kind}
            onChange={(kind) => kind && onChange({ kind: kind as QuestionKind })}
            allowDeselect={false}
            w={190}
          />
          {onRemove && (
            <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('surveys.removeQuestion', { n })} size="lg">
              ✕
            </ActionIcon>
          )}
        </Group>
        {value.kind === 'choice' && (
          <Textarea
            label={t('surveys.options', { n })}
            description={t('surveys.optionsHelp')}
            value={value.options}
            onChange={(e) => onChange({ options: e.currentTarget.value })}
            autosize
            minRows={2}
          />
        )}
        {value.kind === 'scale' && (
          <Group>
            <NumberInput label={t('surveys.scaleMin', { n })} value={value.min} min={0} max={9} onChange={(v) => onChange({ min: Number(v) })} w={140} />
            <NumberInput label={t('surveys.scaleMax', { n })} value={value.max} min={1} max={10} onChange={(v) => onChange({ max: Number(v) })} w={140} />
          </Group>
        )}
        {value.kind === 'text' && (
          <Text size="sm" c="dimmed">
            {t('surveys.textHelp')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
