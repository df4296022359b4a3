import { Checkbox, Group, NativeSelect, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Settings } from '../../api/types';
import { fieldProblem } from '../../layout/problems';
import { EngineTest } from './engine-test';
import { EngineTrial, ifTyped, SettingsPatch, useSaveSettings } from './hooks';
import { SaveFooter } from './save-footer';

type Provider = NonNullable<EngineTrial['provider']>;
type Policy = Settings['translation']['untranslatedPolicy'];
const PROVIDERS: Provider[] = ['none', 'libretranslate', 'deepl', 'google', 'aws', 'azure'];
const POLICIES: Policy[] = ['hold', 'send_source'];
const URGENCIES = ['normal', 'urgent', 'emergency'];

const fromSettings = (tr: Settings['translation']) => ({
  provider: tr.provider as Provider,
  url: tr.url ?? '',
  apiKey: '',
  region: tr.region ?? '',
  untranslatedPolicy: tr.untranslatedPolicy,
  requireReviewFor: tr.requireReviewFor?.includes('all') ? URGENCIES : (tr.requireReviewFor ?? []),
});

/** The machine-translation engine, the review rules, and "Test it"; the API key is write-only. */
export function TranslationEngine({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const [form, setForm] = useState(() => fromSettings(settings.translation));
  const set = (key: 'url' | 'apiKey' | 'region') => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const problem = (field: string) => fieldProblem(save.error, `translation.${field}`);
  const engine: EngineTrial = { provider: form.provider, url: ifTyped(form.url), apiKey: ifTyped(form.apiKey), region: ifTyped(form.region) };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const translation: SettingsPatch['translation'] = {
      ...engine,
      untranslatedPolicy: form.untranslatedPolicy,
      requireReviewFor: form.requireReviewFor,
    };
    save.mutate({ translation }, { onSuccess: (saved) => setForm(fromSettings(saved.translation)) });
  };
  return (
    <form onSubmit={submit} aria-label={t('settings.engine.title')}>
      <Stack>
        <Title order={2}>{t('settings.engine.title')}</Title>
        <NativeSelect
          label={t('settings.engine.provider')}
          value={form.provider}
          onChange={(e) => setForm({ ...form, provider: e.currentTarget.value as Provider })}
          data={PROVIDERS.map((value) => ({ value, label: t(`settings.engine.providers.${value}`) }))}
          error={problem('provider')}
        />
        <TextInput label={t('settings.engine.url')} description={t('settings.engine.urlHelp')} value={form.url} onChange={set('url')} error={problem('url')} />
        <PasswordInput
          label={t('settings.engine.apiKey')}
          description={settings.translation.apiKeySet ? t('settings.engine.apiKeySet') : t('settings.engine.apiKeyNotSet')}
          placeholder={t('settings.secretPlaceholder')}
          value={form.apiKey}
          onChange={set('apiKey')}
          error={problem('apiKey')}
          autoComplete="new-password"
        />
        <TextInput label={t('settings.engine.region')} description={t('settings.engine.regionHelp')} value={form.region} onChange={set('region')} error={problem('region')} />
        <EngineTest settings={settings} engine={engine} />
        <Title order={3}>{t('settings.engine.rules')}</Title>
        <NativeSelect
          label={t('settings.engine.untranslatedPolicy')}
          value={form.untranslatedPolicy}
          onChange={(e) => setForm({ ...form, untranslatedPolicy: e.currentTarget.value as Policy })}
          data={POLICIES.map((value) => ({ value, label: t(`settings.engine.policies.${value}`) }))}
          error={problem('untranslatedPolicy')}
        />
        <Checkbox.Group
          label={t('settings.engine.requireReviewFor')}
          description={t('settings.engine.requireReviewForHelp')}
          value={form.requireReviewFor}
          onChange={(requireReviewFor) => setForm({ ...form, requireReviewFor })}
          error={problem('requireReviewFor')}
        >
          <Group mt="xs">
            {URGENCIES.map((urgency) => (
              <Checkbox key={urgency} value={urgency} label={t(`settings.engine.urgencies.${urgency}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SaveFooter save={save} label={t('settings.engine.save')} />
      </Stack>
    </form>
  );
}
