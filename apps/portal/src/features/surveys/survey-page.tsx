import { Alert, Anchor, Button, Group, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { languageName } from '../../i18n/i18n';
import { ProblemList } from '../../layout/problems';
import { dateTimeIn } from '../../layout/zoned-time';
import { useDistrict } from '../audience/hooks';
import { QuestionResult, ResultGrouping, Survey, SurveyResults, useCloseSurvey, useSendSurvey, useSurvey, useSurveyPreview, useSurveyResults } from './hooks';
import { SurveyStatusBadge } from './surveys-list';
import { SurveyPreviewPanel } from './survey-preview';

const GROUPINGS: ResultGrouping[] = ['language', 'school', 'grade', 'role'];
const percent = (rate: number) => `${String(Math.round(rate * 100))} %`;

/** One survey: where its families stand, its results moving as answers arrive, comments with translations. */
export default function SurveyPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const survey = useSurvey(id);
  const zone = useDistrict().data?.timezone;
  const [by, setBy] = useState<ResultGrouping>('language');
  const live = survey.data?.status === 'open' || survey.data?.status === 'translating';
  const results = useSurveyResults(id, by, live);
  const close = useCloseSurvey();
  if (survey.error) return <ProblemList error={survey.error} />;
  if (!survey.data) return null;
  const s = survey.data;
  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={1}>{s.title}</Title>
        <SurveyStatusBadge status={s.status} />
      </Group>
      {s.statusReason && <Alert color="yellow">{s.statusReason}</Alert>}
      {s.scheduledAt && zone && (s.status === 'draft' || s.status === 'translating') && (
        <Text>{t('surveys.scheduledFor', { when: dateTimeIn(s.scheduledAt, zone, i18n.language) })}</Text>
      )}
      {s.status === 'draft' ? (
        <DraftSurvey survey={s} />
      ) : (
        <Text>{t('surveys.standing', { recipients: s.stats.recipients, asking: s.stats.asking, waiting: s.stats.waiting, done: s.stats.done, stopped: s.stats.stopped })}</Text>
      )}
      {s.status === 'open' && (
        <Group>
          <Button variant="default" color="red" onClick={() => close.mutate(s.id)} loading={close.isPending}>
            {t('surveys.close')}
          </Button>
          {close.error && <ProblemList error={close.error} />}
        </Group>
      )}
      {s.status !== 'draft' && (
        <>
          <Group justify="space-between" align="flex-end">
            <Title order={2}>{t('surveys.results')}</Title>
            <Anchor href={`/api/v1/surveys/${s.id}/responses.csv`} download>
              {t('surveys.downloadCsv')}
            </Anchor>
          </Group>
          {results.error && <ProblemList error={results.error} />}
          {results.data && <Results survey={s} results={results.data} />}
          <SegmentedControl
            aria-label={t('surveys.groupBy')}
            value={by}
            onChange={(value) => setBy(value as ResultGrouping)}
            data={GROUPINGS.map((g) => ({ value: g, label: t(`reach.by.${g}`) }))}
          />
          {results.data && <Groups survey={s} results={results.data} by={by} />}
        </>
      )}
    </Stack>
  );
}

/** A draft opened from the list: its preview, and Send. */
function DraftSurvey({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const preview = useSurveyPreview(survey.id);
  const send = useSendSurvey();
  return (
    <Stack>
      {preview.data && <SurveyPreviewPanel surveyId={survey.id} preview={preview.data} />}
      {preview.error && <ProblemList error={preview.error} />}
      {send.error && <ProblemList error={send.error} />}
      <Group>
        <Button onClick={() => send.mutate(survey.id)} loading={send.isPending} disabled={!preview.data || preview.data.recipients.total === 0}>
          {t('notices.send')}
        </Button>
      </Group>
    </Stack>
  );
}

function optionLabel(survey: Survey, question: QuestionResult, key: string, t: (k: string) => string): string {
  const asked = survey.questions.find((q) => q.key === question.key);
  if (question.kind === 'yesno') return key === 'yes' ? t('surveys.yes') : key === 'no' ? t('surveys.no') : key;
  return asked?.options?.find((o) => o.key === key)?.label ?? key;
}

function Results({ survey, results }: { survey: Survey; results: SurveyResults }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack>
      <Text>{t('surveys.responseRate', { responded: results.responded, sent: results.sent, rate: percent(results.responseRate) })}</Text>
      {results.questions.map((question) => {
        const asked = survey.questions.find((q) => q.key === question.key);
        return (
          <Stack key={question.key} component="section" aria-label={asked?.text ?? question.key} gap="xs">
            <Title order={3}>{asked?.text ?? question.key}</Title>
            <Text size="sm">{t('surveys.answered', { count: question.answered })}</Text>
            {question.kind !== 'text' && (
              <Table withTableBorder aria-label={t('surveys.countsOf', { question: asked?.text ?? question.key })}>
                <Table.Tbody>
                  {Object.entries(question.counts).map(([key, n]) => (
                    <Table.Tr key={key}>
                      <Table.Th scope="row" w={220}>
                        {optionLabel(survey, question, key, t)}
                      </Table.Th>
                      <Table.Td w={60}>{n}</Table.Td>
                      <Table.Td>
                        <Progress value={question.answered > 0 ? (n * 100) / question.answered : 0} aria-hidden />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {question.mean !== undefined && question.mean !== null && <Text>{t('surveys.mean', { mean: question.mean.toFixed(1) })}</Text>}
            {question.comments.length > 0 && (
              <Table striped aria-label={t('surveys.commentsOn', { question: asked?.text ?? question.key })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('surveys.original')}</Table.Th>
                    <Table.Th>{t('surveys.translation')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {question.comments.map((comment, i) => (
                    <Table.Tr key={i}>
                      <Table.Td lang={comment.language ?? undefined}>
                        {comment.body ?? t('surveys.removed')}
                        {comment.language && (
                          <Text size="xs" c="dimmed">
                            {languageName(comment.language, i18n.language)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{comment.translatedBody ?? '–'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** Who answered, group by group: whose voice the survey is missing. */
function Groups({ survey, results, by }: { survey: Survey; results: SurveyResults; by: ResultGrouping }) {
  const { t, i18n } = useTranslation();
  const name = (group: { group: string; label?: string }) => {
    if (group.group === 'none') return t('reach.unknown');
    if (by === 'language') return languageName(group.group, i18n.language);
    if (by === 'role') return t(`reach.roles.${group.group}`, { defaultValue: group.group });
    if (by === 'grade') return t('reach.grade', { grade: group.group });
    return group.label ?? group.group;
  };
  return (
    <Table striped withTableBorder aria-label={t('surveys.byGroup', { grouping: t(`reach.by.${by}`) })}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t(`reach.by.${by}`)}</Table.Th>
          <Table.Th>{t('surveys.sent')}</Table.Th>
          <Table.Th>{t('surveys.responded')}</Table.Th>
          <Table.Th>{t('surveys.rate')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {results.groups.map((group) => (
          <Table.Tr key={group.group}>
            <Table.Th scope="row">{name(group)}</Table.Th>
            <Table.Td>{group.sent}</Table.Td>
            <Table.Td>{group.responded}</Table.Td>
            <Table.Td>{percent(group.responseRate)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
