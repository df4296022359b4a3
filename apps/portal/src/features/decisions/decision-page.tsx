import { Blockquote, Button, Card, Group, NativeSelect, Radio, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { languageName } from '../../i18n/i18n';
import { Loading } from '../../layout/loading';
import { ProblemList } from '../../layout/problems';
import { useMe } from '../auth/session';
import { StatusBadge } from './decisions-list';
import { DecisionDetail, DecisionInput, useAddInput, useCloseTheLoop, useDecide, useDecision, useSurveys } from './hooks';

/** One decision: its question, the family input it weighs with who took part, the outcome, and telling families. */
export default function DecisionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const decision = useDecision(id);
  if (decision.error) return <ProblemList error={decision.error} />;
  if (!decision.data) return <Loading />;
  const d = decision.data;
  return (
    <Stack>
      <Group>
        <Title order={1}>{d.title}</Title>
        <StatusBadge status={d.status} />
      </Group>
      <Text>{d.question}</Text>
      <Title order={2}>{t('decisions.inputs')}</Title>
      {d.inputs.length === 0 && <Text>{t('decisions.noInputs')}</Text>}
      {d.inputs.map((input) => (
        <InputCard key={input.id} input={input} />
      ))}
      {d.status === 'gathering' && <AddInput id={d.id} />}
      <Title order={2}>{t('decisions.outcome')}</Title>
      {d.status === 'gathering' ? <Decide id={d.id} /> : <Outcome decision={d} />}
      {d.status !== 'gathering' && <Loop decision={d} />}
    </Stack>
  );
}

function InputCard({ input }: { input: DecisionInput }) {
  const { t, i18n } = useTranslation();
  const p = input.participation;
  return (
    <Card withBorder component="section" aria-label={t(`decisions.kinds.${input.kind}`)}>
      <Title order={3} size="h4">
        {t(`decisions.kinds.${input.kind}`)}
        {input.source ? ` — ${input.source}` : ''}
      </Title>
      {input.note && <Text>{input.note}</Text>}
      {p && (
        <>
          <Text>{t('decisions.participation', { answered: p.answered, asked: p.asked })}</Text>
          <Table withTableBorder aria-label={t('decisions.byLanguage')} maw={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('decisions.language')}</Table.Th>
                <Table.Th>{t('decisions.asked')}</Table.Th>
                <Table.Th>{t('decisions.answered')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.byLanguage.map((row) => (
                <Table.Tr key={row.language ?? 'unknown'}>
                  <Table.Th scope="row">{languageName(row.language, i18n.language)}</Table.Th>
                  <Table.Td>{row.asked}</Table.Td>
                  <Table.Td>{row.answered}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {input.said.map((words) => (
        <SimpleGrid key={words.receivedAt + (words.body ?? '')} cols={{ base: 1, sm: 2 }} mt="xs">
          <Blockquote p="xs" lang={words.language ?? undefined} cite={languageName(words.language, i18n.language)}>
            {words.body}
          </Blockquote>
          {words.translatedBody && (
            <Blockquote p="xs" color="gray" lang={words.translatedLanguage ?? undefined} cite={t('decisions.translation')}>
              {words.translatedBody}
            </Blockquote>
          )}
        </SimpleGrid>
      ))}
    </Card>
  );
}

function AddInput({ id }: { id: string }) {
  const { t } = useTranslation();
  const surveys = useSurveys();
  const add = useAddInput(id);
  const [surveyId, setSurveyId] = useState('');
  const [note, setNote] = useState('');
  const [source, setSource] = useState('');
  const attach = (event: FormEvent) => {
    event.preventDefault();
    if (surveyId) add.mutate({ surveyId }, { onSuccess: () => setSurveyId('') });
  };
  const addNote = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ note, source }, { onSuccess: () => (setNote(''), setSource('')) });
  };
  const choices = (surveys.data ?? []).filter((s) => s.status !== 'draft');
  return (
    <Stack maw={560}>
      {add.error && <ProblemList error={add.error} />}
      <form onSubmit={attach} aria-label={t('decisions.attachSurvey')}>
        <Group align="end">
          <NativeSelect
            label={t('decisions.survey')}
            value={surveyId}
            onChange={(e) => setSurveyId(e.currentTarget.value)}
            data={[{ value: '', label: t('decisions.chooseSurvey') }, ...choices.map((s) => ({ value: s.id, label: s.title }))]}
          />
          <Button type="submit" variant="light" disabled={!surveyId} loading={add.isPending}>
            {t('decisions.attachSurvey')}
          </Button>
        </Group>
      </form>
      <form onSubmit={addNote} aria-label={t('decisions.addNote')}>
        <Stack>
          <Textarea label={t('decisions.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} required withAsterisk={false} autosize minRows={2} />
          <TextInput label={t('decisions.source')} value={source} onChange={(e) => setSource(e.currentTarget.value)} required withAsterisk={false} />
          <Group>
            <Button type="submit" variant="light" loading={add.isPending}>
              {t('decisions.addNote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function Decide({ id }: { id: string }) {
  const { t } = useTranslation();
  const decide = useDecide(id);
  const [outcome, setOutcome] = useState('');
  const [rationale, setRationale] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({ outcome, rationale });
  };
  return (
    <form onSubmit={submit} aria-label={t('decisions.decide')}>
      <Stack maw={560}>
        <Textarea label={t('decisions.outcome')} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} required withAsterisk={false} autosize minRows={2} />
        <Textarea label={t('decisions.rationale')} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} required withAsterisk={false} autosize minRows={2} />
        {decide.error && <ProblemList error={decide.error} />}
        <Group>
          <Button type="submit" loading={decide.isPending}>
            {t('decisions.decide')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Outcome({ decision }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text>{decision.outcome}</Text>
      {decision.rationale && <Text c="dimmed">{t('decisions.because', { rationale: decision.rationale })}</Text>}
    </Stack>
  );
}

/** "You said, we did": a draft notice to the families who gave input, then its reach. */
function Loop({ decision }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const close = useCloseTheLoop(decision.id);
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<'respondents' | 'asked'>('respondents');
  if (decision.loop) {
    return (
      <Card withBorder component="section" aria-labelledby="decision-loop">
        <Title order={2} size="h4" id="decision-loop">
          {t('decisions.loop')}
        </Title>
        <Text>{t('decisions.loopReached', { reached: decision.loop.reached, families: decision.loop.families })}</Text>
        <Text component={Link} to={`/notices/${decision.loop.noticeId}`} c="blue">
          {t('decisions.openNotice')}
        </Text>
      </Card>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate({ body, audience, sourceLanguage: me.data?.language ?? 'en' }, { onSuccess: (notice) => void navigate(`/notices/${notice.id}`) });
  };
  return (
    <form onSubmit={submit} aria-label={t('decisions.loop')}>
      <Stack maw={560}>
        <Title order={2} size="h3">
          {t('decisions.loop')}
        </Title>
        <Textarea label={t('decisions.loopMessage')} value={body} onChange={(e) => setBody(e.currentTarget.value)} required withAsterisk={false} autosize minRows={3} />
        <Radio.Group label={t('decisions.loopAudience')} value={audience} onChange={(value) => setAudience(value as 'respondents' | 'asked')}>
          <Group mt="xs">
            <Radio value="respondents" label={t('decisions.respondents')} />
            <Radio value="asked" label={t('decisions.everyoneAsked')} />
          </Group>
        </Radio.Group>
        {close.error && <ProblemList error={close.error} />}
        <Group>
          <Button type="submit" loading={close.isPending}>
            {t('decisions.draftLoop')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
