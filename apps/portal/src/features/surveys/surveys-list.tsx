import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemList } from '../../layout/problems';
import { dateTimeIn } from '../../layout/zoned-time';
import { useDistrict } from '../audience/hooks';
import { SurveyStatus, useSurveyList } from './hooks';

const STATUS_COLOR: Record<SurveyStatus, string> = { draft: 'gray', translating: 'blue', open: 'green', closed: 'dark' };

export function SurveyStatusBadge({ status }: { status: SurveyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`surveys.statuses.${status}`)}
    </Badge>
  );
}

/** The caller's surveys, newest first, with where their families stand. */
export default function SurveysList() {
  const { t, i18n } = useTranslation();
  const surveys = useSurveyList();
  const zone = useDistrict().data?.timezone;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('nav.surveys')}</Title>
        <Button component={Link} to="/surveys/new">
          {t('surveys.new')}
        </Button>
      </Group>
      <Text>{t('surveys.intro')}</Text>
      {surveys.error && <ProblemList error={surveys.error} />}
      {surveys.data?.length === 0 && <Text>{t('surveys.none')}</Text>}
      {surveys.data && surveys.data.length > 0 && (
        <Table striped withTableBorder aria-label={t('surveys.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.title')}</Table.Th>
              <Table.Th>{t('surveys.status')}</Table.Th>
              <Table.Th>{t('surveys.recipients')}</Table.Th>
              <Table.Th>{t('surveys.finished')}</Table.Th>
              <Table.Th>{t('surveys.opens')}</Table.Th>
              <Table.Th>{t('surveys.closesAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {surveys.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text component={Link} to={`/surveys/${s.id}`} c="blue">
                    {s.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SurveyStatusBadge status={s.status} />
                </Table.Td>
                <Table.Td>{s.stats.recipients}</Table.Td>
                <Table.Td>{s.stats.done}</Table.Td>
                <Table.Td>{s.scheduledAt && zone ? dateTimeIn(s.scheduledAt, zone, i18n.language) : '–'}</Table.Td>
                <Table.Td>{s.closesAt ? new Date(s.closesAt).toLocaleString(i18n.language) : '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
