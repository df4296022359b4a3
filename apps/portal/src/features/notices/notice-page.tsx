import { Badge, Box, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '../../api/types';
import { languageName } from '../../i18n/i18n';
import { Loading } from '../../layout/loading';
import { ProblemList } from '../../layout/problems';
import { failureKey } from './failure';
import { noticeProgress, useCancelNotice, useNotice, useNoticeMessages, useNoticeReplies } from './hooks';
import { NoticeTiming } from './quiet-hours-note';

const COUNTED = ['delivered', 'sent', 'sending', 'queued', 'pending', 'undelivered', 'failed', 'suppressed', 'canceled'] as const;

/** An accessible progress bar: `role="progressbar"` with the percentage in `aria-valuenow`. */
function DeliveryProgress({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const percent = noticeProgress(notice);
  return (
    <Box>
      <Text id="delivery-progress-label" fw={500}>
        {t('notices.progress', { percent })}
      </Text>
      <Box
        role="progressbar"
        aria-labelledby="delivery-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        style={{ height: 16, background: '#e9ecef', borderRadius: 8, overflow: 'hidden' }}
      >
        <Box style={{ width: `${percent}%`, height: '100%', background: '#1971c2' }} />
      </Box>
    </Box>
  );
}

export default function NoticePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const notice = useNotice(id);
  const live = notice.data ? noticeProgress(notice.data) < 100 : true;
  const messages = useNoticeMessages(id, live);
  const replies = useNoticeReplies(id);
  const cancel = useCancelNotice(id);
  if (notice.isError) return <ProblemList error={notice.error} />;
  if (!notice.data) return <Loading />;
  const n = notice.data;
  const waiting = n.stats.pending + n.stats.queued > 0;
  return (
    <Stack maw={1000}>
      <Title order={1}>{n.title ?? t('notices.untitled')}</Title>
      <Group>
        <Badge>{t(`notices.statuses.${n.status}`, { defaultValue: n.status })}</Badge>
        <Badge variant="outline">{t(`notices.urgencies.${n.urgency}`)}</Badge>
      </Group>
      {n.statusReason && <Text>{n.statusReason}</Text>}
      <NoticeTiming notice={n} />
      <Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
      <DeliveryProgress notice={n} />
      <Table aria-label={t('notices.counts')} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            {COUNTED.map((status) => (
              <Table.Th key={status}>{t(`messageStatus.${status}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            {COUNTED.map((status) => (
              <Table.Td key={status}>{n.stats[status] ?? 0}</Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm">
        {Object.entries(n.stats.byLanguage ?? {})
          .map(([language, count]) => `${languageName(language, i18n.language)}: ${count}`)
          .join(' · ')}
      </Text>
      {waiting && (
        <Group>
          <Button color="red" variant="outline" onClick={() => cancel.mutate()} loading={cancel.isPending}>
            {t('notices.cancel')}
          </Button>
          {cancel.error && <ProblemList error={cancel.error} />}
        </Group>
      )}
      <Title order={2}>{t('notices.recipientRows')}</Title>
      <Table striped withTableBorder aria-label={t('notices.recipientRows')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('families.phone')}</Table.Th>
            <Table.Th>{t('families.language')}</Table.Th>
            <Table.Th>{t('notices.status')}</Table.Th>
            <Table.Th>{t('notices.explanation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(messages.data?.items ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.phone}</Table.Td>
              <Table.Td>{languageName(m.language, i18n.language)}</Table.Td>
              <Table.Td>{t(`messageStatus.${m.status}`, { defaultValue: m.status })}</Table.Td>
              <Table.Td>{failureKey(m.errorCode) ? t(failureKey(m.errorCode)!, { code: m.errorCode }) : m.status === 'suppressed' ? t('failures.suppressed') : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2}>{t('notices.replies')}</Title>
      {(replies.data?.items ?? []).length === 0 && <Text>{t('notices.noReplies')}</Text>}
      {(replies.data?.items ?? []).map((r) => (
        <Box key={r.id} p="sm" style={{ border: '1px solid #dee2e6', borderRadius: 4 }}>
          <Text size="sm">
            {r.phone} · {languageName(r.language, i18n.language)}
          </Text>
          <Text>{r.body}</Text>
          {r.translatedBody && <Text c="dimmed">{r.translatedBody}</Text>}
          {r.conversationId && (
            <Text component={Link} to={`/conversations/${r.conversationId}`} c="blue" size="sm">
              {t('notices.openConversation')}
            </Text>
          )}
        </Box>
      ))}
    </Stack>
  );
}
