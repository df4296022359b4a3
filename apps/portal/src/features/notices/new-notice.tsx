import { Button, Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Urgency } from '../../api/types';
import { ConfirmSend } from '../../layout/confirm-send';
import { ProblemList } from '../../layout/problems';
import { useLocalDraft } from '../../layout/use-local-draft';
import { dateTimeIn, zonedToIso } from '../../layout/zoned-time';
import { useMe } from '../auth/session';
import { AudienceChoice, audienceOf, AudiencePicker, EMPTY_AUDIENCE } from '../audience/audience-picker';
import { useDistrict } from '../audience/hooks';
import { NoticeDraft, useCreateNotice, usePreview, useSendNotice, useTemplates } from './hooks';
import { PreviewPanel } from './preview-panel';
import { QuietHoursNote } from './quiet-hours-note';
import { ScheduleField, ScheduleKind } from './schedule-field';
import { templateFilled, TemplateFields } from './template-fields';

interface ComposeState {
  title: string;
  body: string;
  /** A catalog template instead of a hand-written message, and its variables. */
  templateKey: string | null;
  variables: Record<string, string>;
  urgency: Urgency;
  audience: AudienceChoice;
  schedule: ScheduleKind;
  /** `datetime-local` on the district's clock. */
  sendAt: string;
  /** The draft notice created from exactly these fields, and its fingerprint. */
  noticeId?: string;
  fingerprint?: string;
}

const EMPTY: ComposeState = {
  title: '',
  body: '',
  templateKey: null,
  variables: {},
  urgency: 'normal',
  audience: EMPTY_AUDIENCE,
  schedule: 'now',
  sendAt: '',
};

/** A notice written (or taken from the catalog) in the staff member's language, aimed, previewed in every family's language, then sent. */
export default function NewNotice() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const district = useDistrict();
  const templates = useTemplates();
  const [state, setState, clearDraft] = useLocalDraft<ComposeState>('notice', EMPTY);
  const create = useCreateNotice();
  const send = useSendNotice();
  const [confirming, setConfirming] = useState(false);
  const set = (patch: Partial<ComposeState>) => setState((s) => ({ ...s, ...patch }));

  const zone = district.data?.timezone;
  const scheduledAt = state.schedule === 'later' && zone ? zonedToIso(state.sendAt, zone) : undefined;
  const template = state.templateKey ? templates.data?.find((tpl) => tpl.key === state.templateKey) : undefined;
  const audience = audienceOf(state.audience);
  const draft: NoticeDraft = {
    ...(state.title.trim() ? { title: state.title.trim() } : {}),
    ...(template ? { template: { key: template.key, variables: state.variables } } : { body: state.body }),
    sourceLanguage: me.data?.language ?? 'en',
    audience,
    urgency: state.urgency,
    ...(scheduledAt ? { scheduledAt } : {}),
  };
  const fingerprint = JSON.stringify(draft);
  const current = state.noticeId && state.fingerprint === fingerprint ? state.noticeId : undefined;
  const preview = usePreview(current);
  const written = template ? templateFilled(template.variables, state.variables) : state.body.trim() !== '';
  const ready = written && (state.schedule === 'now' || scheduledAt !== undefined);

  const prepare = () => create.mutate(draft, { onSuccess: (notice) => set({ noticeId: notice.id, fingerprint }) });
  const confirmSend = () => {
    if (!current) return;
    send.mutate(current, {
      onSuccess: (notice) => {
        clearDraft();
        void navigate(`/notices/${notice.id}`);
      },
    });
  };

  const recipients = preview.data?.recipients.total ?? 0;
  const languages = Object.keys(preview.data?.recipients.byLanguage ?? {}).length;
  const confirmText = t('notices.confirmText', { count: recipients, languages, segments: preview.data?.estimatedSegments ?? 0 });
  return (
    <Stack maw={900}>
      <Title order={1}>{t('notices.new')}</Title>
      <TextInput label={t('notices.titleField')} value={state.title} onChange={(e) => set({ title: e.currentTarget.value })} />
      <TemplateFields
        templateKey={state.templateKey}
        values={state.variables}
        error={create.error}
        onChange={(templateKey, variables) => set({ templateKey, variables })}
      />
      {template ? (
        <Text size="sm">{t('notices.templateText')}</Text>
      ) : (
        <Textarea
          label={t('notices.message')}
          description={t('notices.messageHelp')}
          value={state.body}
          onChange={(e) => set({ body: e.currentTarget.value })}
          autosize
          minRows={4}
          required
          withAsterisk={false}
          error={create.error ? <ProblemList error={create.error} field="body" /> : undefined}
        />
      )}
      <AudiencePicker value={state.audience} onChange={(next) => set({ audience: next })} urgency={state.urgency} scheduledAt={scheduledAt} />
      <Radio.Group label={t('notices.urgency')} value={state.urgency} onChange={(v) => set({ urgency: v as Urgency })}>
        <Group mt="xs">
          {(['normal', 'urgent', 'emergency'] as const).map((u) => (
            <Radio key={u} value={u} label={t(`notices.urgencies.${u}`)} />
          ))}
        </Group>
      </Radio.Group>
      <ScheduleField kind={state.schedule} sendAt={state.sendAt} timeZone={zone} onChange={(patch) => set(patch)} />
      <QuietHoursNote audience={audience} urgency={state.urgency} scheduledAt={scheduledAt} />
      {create.error && <ProblemList error={create.error} />}
      <Group>
        <Button onClick={prepare} loading={create.isPending} disabled={!ready} variant={current ? 'default' : 'filled'}>
          {t('notices.preview')}
        </Button>
      </Group>
      {current && preview.data && <PreviewPanel noticeId={current} preview={preview.data} role={me.data?.role} />}
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
        title={t('notices.confirmTitle')}
        text={scheduledAt && zone ? `${confirmText} ${t('notices.confirmAt', { when: dateTimeIn(scheduledAt, zone, i18n.language) })}` : confirmText}
        error={send.error}
        sending={send.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={confirmSend}
      />
    </Stack>
  );
}
