import { Alert, NativeSelect, NumberInput, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Settings } from '../../api/types';
import { fieldProblem } from '../../layout/problems';
import { ifTyped, orNull, useSaveSettings } from './hooks';
import { SmsTest } from './sms-test';
import { SaveFooter } from './save-footer';

type SmsProvider = Settings['sms']['provider'];
const PROVIDERS: SmsProvider[] = ['twilio', 'sandbox'];

const fromSettings = (sms: Settings['sms']) => ({
  provider: sms.provider,
  accountSid: sms.accountSid,
  authToken: '',
  messagingServiceSid: sms.messagingServiceSid ?? '',
  fromNumber: sms.fromNumber ?? '',
  messagesPerSecond: sms.messagesPerSecond ?? ('' as number | string),
});

/** The district's SMS account; the auth token is write-only: empty here, sent only when typed. */
export function SmsAccount({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const [form, setForm] = useState(() => fromSettings(settings.sms));
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const problem = (field: string) => fieldProblem(save.error, `sms.${field}`);
  const unreadable = settings.sms.status !== 'ok';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rate = form.messagesPerSecond;
    save.mutate(
      {
        sms: {
          provider: form.provider,
          accountSid: form.accountSid.trim(),
          authToken: ifTyped(form.authToken),
          messagingServiceSid: orNull(form.messagingServiceSid),
          fromNumber: orNull(form.fromNumber),
          messagesPerSecond: typeof rate === 'number' ? rate : null,
        },
      },
      { onSuccess: (saved) => setForm(fromSettings(saved.sms)) },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('settings.sms.title')}>
      <Stack>
        <Title order={2}>{t('settings.sms.title')}</Title>
        {unreadable && (
          <Alert color="red" role="alert">
            {t('settings.sms.unreadable')}
          </Alert>
        )}
        <NativeSelect
          label={t('settings.sms.provider')}
          value={form.provider}
          onChange={(e) => setForm({ ...form, provider: e.currentTarget.value as SmsProvider })}
          data={PROVIDERS.map((value) => ({ value, label: t(`settings.sms.providers.${value}`) }))}
          error={problem('provider')}
        />
        <TextInput label={t('settings.sms.accountSid')} value={form.accountSid} onChange={set('accountSid')} error={problem('accountSid')} autoComplete="off" />
        <PasswordInput
          label={t('settings.sms.authToken')}
          description={unreadable ? t('settings.sms.authTokenUnreadable') : t('settings.sms.authTokenSet')}
          placeholder={t('settings.secretPlaceholder')}
          value={form.authToken}
          onChange={set('authToken')}
          error={problem('authToken')}
          autoComplete="new-password"
        />
        <SmsTest account={{ provider: form.provider, accountSid: ifTyped(form.accountSid), authToken: ifTyped(form.authToken) }} />
        <TextInput
          label={t('settings.sms.messagingServiceSid')}
          description={t('settings.sms.messagingServiceSidHelp')}
          value={form.messagingServiceSid}
          onChange={set('messagingServiceSid')}
          error={problem('messagingServiceSid')}
        />
        <TextInput
          label={t('settings.sms.fromNumber')}
          description={t('settings.sms.fromNumberHelp')}
          value={form.fromNumber}
          onChange={set('fromNumber')}
          error={problem('fromNumber')}
        />
        <NumberInput
          label={t('settings.sms.messagesPerSecond')}
          description={t('settings.sms.messagesPerSecondHelp')}
          value={form.messagesPerSecond}
          onChange={(messagesPerSecond) => setForm({ ...form, messagesPerSecond })}
          min={1}
          max={1000}
          allowDecimal={false}
          error={problem('messagesPerSecond')}
        />
        <SaveFooter save={save} label={t('settings.sms.save')} />
      </Stack>
    </form>
  );
}
