import { Button, Group, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmSend } from '../../layout/confirm-send';
import { ProblemList } from '../../layout/problems';
import { useLocalDraft } from '../../layout/use-local-draft';
import { useMe } from '../auth/session';
import { useDecisions } from '../decisions/hooks';
import { AudienceChoice, audienceOf, AudiencePicker, EMPTY_AUDIENCE } from '../audience/audience-picker';
import { useDistrict } from '../audience/hooks';
import { QuietHoursNote } from '../notices/quiet-hours-note';
import { ScheduleField, ScheduleKind } from '../notices/schedule-field';
import { dateTimeIn, zonedToIso } from '../../layout/zoned-time';
import { SurveyDraft, useCreateSurvey, useSendSurvey, useSurveyPreview } from './hooks';
import { EMPTY_QUESTION, QuestionEditor, QuestionForm, toQuestion } from './question-editor';
import { SurveyPreviewPanel } from './survey-preview';

const MAX_QUESTIONS = 10;

interface SurveyForm {
  title: string;
  intro: string;
  questions: QuestionForm[];
  audience: AudienceChoice;
  /** `datetime-local`: the staff member's own clock. */
  closesAt: string;
  decisionId: string | null;
  schedule?: ScheduleKind;
  /** `datetime-local` on the district's clock. */
  sendAt?: string;
  /** The draft survey created from exactly these fields, and its fingerprint. */
  surveyId?: string;
  fingerprint?: string;
}

const EMPTY: SurveyForm = { title: '', intro: '', questions: [EMPTY_QUESTION], audience: EMPTY_AUDIENCE, closesAt: '', decisionId: null };

/** A survey written in the staff member's language, previewed in every family's, then sent. */
export default function NewSurvey() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const district = useDistrict();
  const zone = district.data?.timezone;
  const decisions = useDecisions();
  const [form, setForm, clearDraft] = useLocalDraft<SurveyForm>('survey', EMPTY);
  const create = useCreateSurvey();
  const send = useSendSurvey();
  const [confirming, setConfirming] = useState(false);
  const set = (patch: Partial<SurveyForm>) => setForm((f) => ({ ...f, ...patch }));
  const setQuestion = (index: number, patch: Partial<QuestionForm>) =>
    setForm((f) => ({ ...f, questions: f.questions.map((q, i) => (i === index ? { ...q, ...patch } : q)) }));

  const schedule = form.schedule ?? 'now';
  const scheduledAt = schedule === 'later' && zone && form.sendAt ? zonedToIso(form.sendAt, zone) : undefined;
  const audience = audienceOf(form.audience);
  const draft: SurveyDraft = {
    title: form.title.trim(),
    sourceLanguage: me.data?.language ?? 'en',
    audience,
    ...(scheduledAt ? { scheduledAt } : {}),
    ...(form.intro.trim() ? { intro: form.intro.trim() } : {}),
    ...(form.closesAt ? { closesAt: new Date(form.closesAt).toISOString() } : {}),
    ...(form.decisionId ? { decisionId: form.decisionId } : {}),
    questions: form.questions.map(toQuestion),
  };
  const fingerprint = JSON.stringify(draft);
  const current = form.surveyId && form.fingerprint === fingerprint ? form.surveyId : undefined;
  const preview = useSurveyPreview(current);
  const recipients = preview.data?.recipients.total ?? 0;

  const prepare = () => create.mutate(draft, { onSuccess: (survey) => set({ surveyId: survey.id, fingerprint }) });
  const confirmSend = () => {
    if (!current) return;
    send.mutate(current, {
      onSuccess: (survey) => {
        clearDraft();
        void navigate(`/surveys/${survey.id}`);
      },
    });
  };

  return (
    <Stack maw={900}>
      <Title order={1}>{t('surveys.new')}</Title>
      <TextInput label={t('surveys.title')} value={form.title} onChange={(e) => set({ title: e.currentTarget.value })} required withAsterisk={false} />
      <Textarea
        label={t('surveys.introField')}
        description={t('surveys.introHelp')}
        value={form.intro}
        onChange={(e) => set({ intro: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <Title order={2} size="h3">
        {t('surveys.questions')}
      </Title>
      {form.questions.map((question, index) => (
        <QuestionEditor
          key={index}
          index={index}
          value={question}
          onChange={(patch) => setQuestion(index, patch)}
          onRemove={form.questions.length > 1 ? () => set({ questions: form.questions.filter((_, i) => i !== index) }) : undefined}
        />
      ))}
      <Group>
        <Button variant="default" onClick={() => set({ questions: [...form.questions, EMPTY_QUESTION] })} disabled={form.questions.length >= MAX_QUESTIONS}>
          {t('surveys.addQuestion')}
        </Button>
      </Group>
      <AudiencePicker value={form.audience} onChange={(audience) => set({ audience })} />
      <Group align="flex-end">
        <TextInput type="datetime-local" label={t('surveys.closesAt')} description={t('surveys.closesAtHelp')} value={form.closesAt} onChange={(e) => set({ closesAt: e.currentTarget.value })} />
        <Select
          label={t('surveys.decision')}
          description={t('surveys.decisionHelp')}
          data={(decisions.data?.items ?? []).filter((d) => d.status === 'gathering').map((d) => ({ value: d.id, label: d.title }))}
          value={form.decisionId}
          onChange={(decisionId) => set({ decisionId })}
          clearable
          w={320}
        />
      </Group>
      <ScheduleField kind={schedule} sendAt={form.sendAt ?? ''} timeZone={zone} onChange={(patch) => set(patch)} />
      <QuietHoursNote audience={audience} urgency="normal" scheduledAt={scheduledAt} subject="survey" />
      {create.error && <ProblemList error={create.error} />}
      <Group>
        <Button onClick={prepare} loading={create.isPending} disabled={!form.title.trim() || form.questions.some((q) => !q.text.trim()) || (schedule === 'later' && scheduledAt === undefined)} variant={current ? 'default' : 'filled'}>
          {t('notices.preview')}
        </Button>
      </Group>
      {current && preview.data && <SurveyPreviewPanel surveyId={current} preview={preview.data} />}
      {current && preview.isError && <ProblemList error={preview.error} />}
      {current && preview.data && (
        <Group>
          <Button onClick={() => setConfirming(true)} disabled={recipients === 0}>
            {t('notices.send')}
          </Button>
        </Group>
      )}
      <ConfirmSend
        opened={confirming}
        title={t('surveys.confirmTitle')}
        text={`${t('surveys.confirmText', {
          count: recipients,
          questions: draft.questions.length,
          languages: Object.keys(preview.data?.recipients.byLanguage ?? {}).length,
          segments: preview.data?.estimatedSegments ?? 0,
        })}${scheduledAt && zone ? ` ${t('surveys.confirmAt', { when: dateTimeIn(scheduledAt, zone, i18n.language) })}` : ''}`}
        error={send.error}
        sending={send.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={confirmSend}
      />
    </Stack>
  );
}
