import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { languageName } from '../../i18n/i18n';
import { ProblemList } from '../../layout/problems';
import { noticeProgress, useNotices } from './hooks';

export default function NoticesList() {
  const { t, i18n } = useTranslation();
  const notices = useNotices();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('nav.notices')}</Title>
        <Button component={Link} to="/notices/new">
          {t('notices.new')}
        </Button>
      </Group>
      {notices.error && <ProblemList error={notices.error} />}
      {notices.data?.length === 0 && <Text>{t('notices.none')}</Text>}
      {notices.data && notices.data.length > 0 && (
        <Table striped withTableBorder aria-label={t('nav.notices')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('notices.notice')}</Table.Th>
              <Table.Th>{t('notices.status')}</Table.Th>
              <Table.Th>{t('notices.languages')}</Table.Th>
              <Table.Th>{t('messageStatus.delivered')}</Table.Th>
              <Table.Th>{t('messageStatus.failed')}</Table.Th>
              <Table.Th>{t('notices.progressColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {notices.data.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>
                  <Text component={Link} to={`/notices/${n.id}`} c="blue">
                    {n.title ?? n.body.slice(0, 60)}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`notices.statuses.${n.status}`, { defaultValue: n.status })}</Table.Td>
                <Table.Td>{Object.keys(n.stats?.byLanguage ?? {}).map((l) => languageName(l, i18n.language)).join(', ')}</Table.Td>
                <Table.Td>{n.stats?.delivered ?? 0}</Table.Td>
                <Table.Td>{(n.stats?.failed ?? 0) + (n.stats?.undelivered ?? 0)}</Table.Td>
                <Table.Td>{noticeProgress(n)} %</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
