import { Group, Stack, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Settings } from '../../api/types';
import { fieldProblem } from '../../layout/problems';
import { orNull, useSaveSettings } from './hooks';
import { SaveFooter } from './save-footer';

const fromSettings = (s: Settings) => ({
  name: s.name,
  timezone: s.timezone,
  country: s.country,
  defaultLanguage: s.defaultLanguage,
  languages: s.languages,
  start: s.quietHours.start,
  end: s.quietHours.end,
  helpText: s.helpText ?? '',
  helpContact: s.helpContact ?? '',
});

/** The district: its name, where and when it texts, its languages and what HELP answers. */
export function District({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const [form, setForm] = useState(() => fromSettings(settings));
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const problem = (field: string) => fieldProblem(save.error, field);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      name: form.name.trim(),
      timezone: form.timezone.trim(),
      country: form.country.trim(),
      defaultLanguage: form.defaultLanguage.trim(),
      languages: form.languages,
      quietHours: { start: form.start, end: form.end },
      helpText: orNull(form.helpText),
      helpContact: orNull(form.helpContact),
    }, { onSuccess: (saved) => setForm(fromSettings(saved)) });
  };
  return (
    <form onSubmit={submit} aria-label={t('settings.district')}>
      <Stack>
        <Title order={2}>{settings.name}</Title>
        <TextInput label={t('settings.districtName')} value={form.name} onChange={set('name')} error={problem('name')} />
        <Group grow align="flex-start">
          <TextInput label={t('settings.timezone')} description={t('settings.timezoneHelp')} value={form.timezone} onChange={set('timezone')} error={problem('timezone')} />
          <TextInput label={t('settings.country')} description={t('settings.countryHelp')} value={form.country} onChange={set('country')} maxLength={2} error={problem('country')} />
        </Group>
        <TextInput
          label={t('settings.defaultLanguage')}
          description={t('settings.defaultLanguageHelp')}
          value={form.defaultLanguage}
          onChange={set('defaultLanguage')}
          error={problem('defaultLanguage')}
        />
        <TagsInput
          label={t('settings.languages')}
          description={t('settings.languagesHelp')}
          value={form.languages}
          onChange={(languages) => setForm({ ...form, languages })}
          error={problem('languages')}
        />
        <Group align="flex-start">
          <TextInput label={t('settings.quietStart')} description={t('settings.quietHelp')} value={form.start} onChange={set('start')} type="time" error={problem('quietHours.start')} />
          <TextInput label={t('settings.quietEnd')} value={form.end} onChange={set('end')} type="time" error={problem('quietHours.end')} />
        </Group>
        <Textarea label={t('settings.helpText')} description={t('settings.helpTextHelp')} value={form.helpText} onChange={set('helpText')} autosize minRows={2} error={problem('helpText')} />
        <TextInput label={t('settings.helpContact')} description={t('settings.helpContactHelp')} value={form.helpContact} onChange={set('helpContact')} error={problem('helpContact')} />
        <SaveFooter save={save} label={t('settings.saveDistrict')} />
      </Stack>
    </form>
  );
}
