import { Group, Radio, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type ScheduleKind = 'now' | 'later';

/** Send now, or at a date and time on the district's clock (`sendAt` as `datetime-local` gives it). */
export function ScheduleField({
  kind,
  sendAt,
  timeZone,
  onChange,
}: {
  kind: ScheduleKind;
  sendAt: string;
  timeZone: string | undefined;
  onChange: (patch: { schedule?: ScheduleKind; sendAt?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Radio.Group label={t('notices.when')} value={kind} onChange={(v) => onChange({ schedule: v as ScheduleKind })}>
        <Group mt="xs">
          <Radio value="now" label={t('notices.sendNow')} />
          <Radio value="later" label={t('notices.sendLater')} />
        </Group>
      </Radio.Group>
      {kind === 'later' && (
        <TextInput
          type="datetime-local"
          label={t('notices.sendAt')}
          description={t('notices.sendAtHelp', { zone: timeZone ?? '' })}
          value={sendAt}
          onChange={(e) => onChange({ sendAt: e.currentTarget.value })}
          required
          withAsterisk={false}
          maw={320}
        />
      )}
    </>
  );
}
