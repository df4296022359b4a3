import { Alert, Button, Group, Modal, MultiSelect, Radio, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { Audience, Contact, Page, Urgency } from '../../api/types';
import { ProblemList } from '../../layout/problems';
import { useLocalDraft } from '../../layout/use-local-draft';
import { useMe } from '../auth/session';
import { NoticeDraft, useCreateNotice, usePreview, useSchools, useSendNotice } from './hooks';
import { PreviewPanel } from './preview-panel';

type AudienceKind = 'all' | 'schools' | 'grades' | 'families';

interface ComposeState {
  title: string;
  body: string;
  urgency: Urgency;
  kind: AudienceKind;
  schoolIds: string[];
  grades: string[];
  contactIds: string[];
  /** The draft notice created from exactly these fields, and its fingerprint. */
  noticeId?: string;
  fingerprint?: string;
}

const EMPTY: ComposeState = { title: '', body: '', urgency: 'normal', kind: 'all', schoolIds: [], grades: [], contactIds: [] };

function audienceOf(state: ComposeState): Audience {
  if (state.kind === 'schools') return { schoolIds: state.schoolIds };
  if (state.kind === 'grades') return { grades: state.grades };
  if (state.kind === 'families') return { contactIds: state.contactIds };
  return { all: true };
}

export default function NewNotice() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const schools = useSchools();
  const families = useQuery({ queryKey: ['contacts', 'pick'], queryFn: () => api.get<Page<Contact>>('/api/v1/contacts?limit=200') });
  const [state, setState, clearDraft] = useLocalDraft<ComposeState>('notice', EMPTY);
  const create = useCreateNotice();
  const send = useSendNotice();
  const [confirming, setConfirming] = useState(false);
  const set = (patch: Partial<ComposeState>) => setState((s) => ({ ...s, ...patch }));

  const draft: NoticeDraft = {
    ...(state.title.trim() ? { title: state.title.trim() } : {}),
    body: state.body,
    sourceLanguage: me.data?.language ?? 'en',
    audience: audienceOf(state),
    urgency: state.urgency,
  };
  const fingerprint = JSON.stringify(draft);
  const current = state.noticeId && state.fingerprint === fingerprint ? state.noticeId : undefined;
  const preview = usePreview(current);

  const prepare = () =>
    create.mutate(draft, { onSuccess: (notice) => set({ noticeId: notice.id, fingerprint }) });
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
  return (
    <Stack maw={900}>
      <Title order={1}>{t('notices.new')}</Title>
      <TextInput label={t('notices.titleField')} value={state.title} onChange={(e) => set({ title: e.currentTarget.value })} />
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
      <Radio.Group label={t('notices.audience')} value={state.kind} onChange={(v) => set({ kind: v as AudienceKind })}>
        <Group mt="xs">
          {(['all', 'schools', 'grades', 'families'] as const).map((kind) => (
            <Radio key={kind} value={kind} label={t(`notices.audienceKinds.${kind}`)} />
          ))}
        </Group>
      </Radio.Group>
      {state.kind === 'schools' && (
        <MultiSelect
          label={t('notices.schools')}
          data={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={state.schoolIds}
          onChange={(schoolIds) => set({ schoolIds })}
          searchable
        />
      )}
      {state.kind === 'grades' && <TagsInput label={t('notices.grades')} description={t('notices.gradesHelp')} value={state.grades} onChange={(grades) => set({ grades })} />}
      {state.kind === 'families' && (
        <MultiSelect
          label={t('notices.families')}
          data={(families.data?.items ?? []).map((c) => ({ value: c.id, label: [c.givenName, c.familyName].filter(Boolean).join(' ') || (c.phone ?? c.id) }))}
          value={state.contactIds}
          onChange={(contactIds) => set({ contactIds })}
          searchable
        />
      )}
      <Radio.Group label={t('notices.urgency')} value={state.urgency} onChange={(v) => set({ urgency: v as Urgency })}>
        <Group mt="xs">
          {(['normal', 'urgent', 'emergency'] as const).map((u) => (
            <Radio key={u} value={u} label={t(`notices.urgencies.${u}`)} />
          ))}
        </Group>
      </Radio.Group>
      {create.error && <ProblemList error={create.error} />}
      <Group>
        <Button onClick={prepare} loading={create.isPending} disabled={!state.body.trim()} variant={current ? 'default' : 'filled'}>
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
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('notices.confirmTitle')} lockScroll={false}>
        <Stack>
          <Text>{t('notices.confirmText', { count: recipients, languages, segments: preview.data?.estimatedSegments ?? 0 })}</Text>
          {send.error && (
            <Alert color="red" role="alert">
              {send.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={confirmSend} loading={send.isPending} data-autofocus>
              {t('notices.send')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
