import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { percent, ReachWeek } from './hooks';

/** The district's week by week: reached and heard, newest last, as a table a screen reader reads in order. */
export function ReachTrend({ weeks }: { weeks: ReachWeek[] }) {
  const { t } = useTranslation();
  if (weeks.length === 0) return null;
  return (
    <section aria-labelledby="reach-trend">
      <Title order={2} size="h4" id="reach-trend">
        {t('reach.trend')}
      </Title>
      <Table withTableBorder aria-labelledby="reach-trend">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reach.week')}</Table.Th>
            <Table.Th>{t('reach.reached')}</Table.Th>
            <Table.Th>{t('reach.heard')}</Table.Th>
            <Table.Th>{t('reach.heardRate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeks.map((w) => (
            <Table.Tr key={w.weekStart}>
              <Table.Th scope="row">{w.weekStart.slice(0, 10)}</Table.Th>
              <Table.Td>{w.studentsReached}</Table.Td>
              <Table.Td>{w.studentsHeard}</Table.Td>
              <Table.Td>{percent(w.heardRate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
