import { Alert, Badge, Card, Group, List, Progress, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../../i18n/i18n';
import { Loading } from '../../layout/loading';
import { ProblemList } from '../../layout/problems';
import { percent, ReachFigures, ReachGroup, ReachGrouping, useReach } from './hooks';
import { ReachTrend } from './trend';

const GROUPINGS: ReachGrouping[] = ['language', 'school', 'grade', 'role'];

/**
 * Reach and voice: per language, school, grade or family role, how many students' families a text
 * reached and how many of those were heard, with the groups whose voice is missing marked.
 */
export default function Reach() {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<ReachGrouping>('language');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const report = useReach(by, from || undefined, to || undefined);
  const name = (g: ReachGroup) => {
    if (g.group === null) return t('reach.unknown');
    if (by === 'language') return languageName(g.group, i18n.language);
    if (by === 'role') return t(`reach.roles.${g.group}`, { defaultValue: g.group });
    if (by === 'grade') return t('reach.grade', { grade: g.group });
    return g.label ?? g.group;
  };
  const underHeard = report.data?.groups.filter((g) => g.underHeard) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.reach')}</Title>
      <Text>{t('reach.intro')}</Text>
      <Group align="end">
        <Stack gap={4}>
          <Text id="reach-by" size="sm" fw={500}>
            {t('reach.groupBy')}
          </Text>
          <SegmentedControl
            aria-labelledby="reach-by"
            value={by}
            onChange={(value) => setBy(value as ReachGrouping)}
            data={GROUPINGS.map((g) => ({ value: g, label: t(`reach.by.${g}`) }))}
          />
        </Stack>
        <TextInput type="date" label={t('reach.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('reach.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {report.error && <ProblemList error={report.error} />}
      {report.isPending && <Loading />}
      {report.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('reach.window', { from: report.data.from.slice(0, 10), to: report.data.to.slice(0, 10) })}
            {report.data.scope === 'schools' ? ` ${t('reach.schoolsOnly')}` : ''}
          </Text>
          <DistrictCard figures={report.data.district} />
          {underHeard.length > 0 ? (
            <Alert color="orange" title={t('reach.underHeardTitle')} role="status">
              <List size="sm">
                {underHeard.map((g) => (
                  <List.Item key={g.group ?? 'unknown'}>
                    {t('reach.underHeardLine', { group: name(g), heard: g.studentsHeard, reached: g.studentsReached, rate: percent(g.heardRate) })}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <Text>{t('reach.noneUnderHeard')}</Text>
          )}
          <GroupsTable groups={report.data.groups} district={report.data.district} name={name} />
          <ReachTrend weeks={report.data.district.weeks} />
        </>
      )}
    </Stack>
  );
}

function DistrictCard({ figures }: { figures: ReachFigures }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="reach-district">
      <Title order={2} size="h4" id="reach-district">
        {t('reach.district')}
      </Title>
      <Text>
        {t('reach.districtLine', {
          students: figures.students,
          reached: figures.studentsReached,
          reachedRate: percent(figures.reachedRate),
          heard: figures.studentsHeard,
          heardRate: percent(figures.heardRate),
        })}
      </Text>
      <Text size="sm">{t('reach.gaps', { optedOut: figures.optedOut, noPhone: figures.noReachablePhone })}</Text>
    </Card>
  );
}

function GroupsTable({ groups, district, name }: { groups: ReachGroup[]; district: ReachFigures; name: (g: ReachGroup) => string }) {
  const { t } = useTranslation();
  if (groups.length === 0) return <Text>{t('reach.noStudents')}</Text>;
  return (
    <Table striped withTableBorder aria-label={t('reach.tableLabel')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reach.group')}</Table.Th>
          <Table.Th>{t('reach.students')}</Table.Th>
          <Table.Th>{t('reach.reached')}</Table.Th>
          <Table.Th>{t('reach.heard')}</Table.Th>
          <Table.Th>{t('reach.heardRate')}</Table.Th>
          <Table.Th>{t('reach.optedOut')}</Table.Th>
          <Table.Th>{t('reach.noPhone')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map((g) => (
          <Table.Tr key={g.group ?? 'unknown'}>
            <Table.Th scope="row">
              <Group gap="xs">
                {name(g)}
                {g.underHeard && (
                  <Badge color="orange" variant="light">
                    {t('reach.underHeard')}
                  </Badge>
                )}
              </Group>
            </Table.Th>
            <Table.Td>{g.students}</Table.Td>
            <Table.Td>
              {g.studentsReached} ({percent(g.reachedRate)})
            </Table.Td>
            <Table.Td>
              {g.studentsHeard} ({g.replied} / {g.answered})
            </Table.Td>
            <Table.Td miw={180}>
              <Text size="sm">
                {percent(g.heardRate)}{' '}
                <Text span size="xs" c="dimmed">
                  {t('reach.interval', { lo: percent(g.interval[0]), hi: percent(g.interval[1]), district: percent(district.heardRate) })}
                </Text>
              </Text>
              <Progress
                value={Math.round((g.heardRate ?? 0) * 100)}
                color={g.underHeard ? 'orange' : 'blue'}
                aria-label={t('reach.heardBar', { group: name(g), rate: percent(g.heardRate) })}
              />
            </Table.Td>
            <Table.Td>{g.optedOut}</Table.Td>
            <Table.Td>{g.noReachablePhone}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
