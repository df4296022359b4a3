import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Audience, Notice, Urgency } from '../../api/types';
import { clockIn, dateTimeIn, sameDayIn } from '../../layout/zoned-time';
import { useAudienceCount, useDistrict } from '../audience/hooks';

/**
 * What quiet hours do to this notice, on the district's clock: a normal notice waits for families
 * whose local time is inside them ("Normal notices wait until 08:00 for 312 families"); an urgent
 * notice or an emergency reaches them anyway, and says how many.
 */
export function QuietHoursNote({
  audience,
  urgency,
  scheduledAt,
  subject = 'notice',
}: {
  audience: Audience;
  urgency: Urgency;
  scheduledAt?: string;
  /** A survey's first question waits as a normal notice does, and says so in its own words. */
  subject?: 'notice' | 'survey';
}) {
  const { t, i18n } = useTranslation();
  const district = useDistrict();
  const count = useAudienceCount(audience, urgency, scheduledAt);
  const quiet = count.data?.quietHours;
  const zone = district.data?.timezone;
  if (!quiet || !zone || (quiet.waiting === 0 && quiet.overridden === 0)) return null;
  const from = scheduledAt ?? new Date().toISOString();
  const when = (until: string) =>
    sameDayIn(until, from, zone)
      ? clockIn(until, zone, i18n.language)
      : new Intl.DateTimeFormat(i18n.language, { timeZone: zone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(until));
  return (
    <Paper component="section" aria-label={t('notices.quietHours')} withBorder p="sm">
      <Stack gap={2}>
        <Text fw={600}>{t('notices.quietHours')}</Text>
        {urgency === 'normal' ? (
          quiet.waits.map((wait) => <Text key={wait.until}>{t(subject === 'survey' ? 'surveys.quietWait' : 'notices.quietWait', { time: when(wait.until), count: wait.recipients })}</Text>)
        ) : (
          <Text>{t('notices.quietOverride', { count: quiet.overridden })}</Text>
        )}
      </Stack>
    </Paper>
  );
}

/** On a notice's page: when a scheduled notice leaves, and the families still waiting for their quiet hours to end, on the district's clock. */
export function NoticeTiming({ notice }: { notice: Pick<Notice, 'scheduledAt' | 'quietHours' | 'status'> }) {
  const { t, i18n } = useTranslation();
  const district = useDistrict();
  const zone = district.data?.timezone;
  if (!zone) return null;
  const later = notice.scheduledAt && Date.parse(notice.scheduledAt) > Date.now() && notice.status !== 'canceled' ? notice.scheduledAt : undefined;
  return (
    <>
      {later && <Text>{t('notices.scheduledFor', { when: dateTimeIn(later, zone, i18n.language) })}</Text>}
      {notice.quietHours.waits.map((wait) => (
        <Text key={wait.until}>{t('notices.waitingUntil', { count: wait.recipients, when: dateTimeIn(wait.until, zone, i18n.language) })}</Text>
      ))}
    </>
  );
}
