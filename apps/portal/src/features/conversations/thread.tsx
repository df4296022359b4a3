import { Alert, Anchor, Box, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ConversationMessage } from '../../api/types';
import { languageName } from '../../i18n/i18n';
import { Loading } from '../../layout/loading';
import { ProblemList } from '../../layout/problems';
import { useLocalDraft } from '../../layout/use-local-draft';
import { useMe } from '../auth/session';
import { AssignPanel } from './assign-panel';
import { familyName, useConversation, useReply } from './hooks';

const bubble = (inbound: boolean) => ({ border: '1px solid #ced4da', borderRadius: 6, background: inbound ? '#f8f9fa' : '#e7f5ff' });

/** One message: what was sent or received, beside its translation. */
function MessageRow({ message }: { message: ConversationMessage }) {
  const { t, i18n } = useTranslation();
  const inbound = message.direction === 'inbound';
  return (
    <Box p="sm" style={bubble(inbound)} component="article" aria-label={inbound ? t('conversations.fromFamily') : t('conversations.fromStaff')}>
      <Text size="xs" c="dark.6">
        {inbound ? t('conversations.fromFamily') : t('conversations.fromStaff')} · {new Date(message.createdAt).toLocaleString(i18n.language)}
        {message.status ? ` · ${t(`messageStatus.${message.status}`, { defaultValue: message.status })}` : ''}
      </Text>
      <Box style={{ display: 'grid', gridTemplateColumns: message.translatedBody ? '1fr 1fr' : '1fr', gap: 12 }}>
        <Box>
          <Text size="xs" fw={600}>
            {t('conversations.original', { language: languageName(message.language, i18n.language) })}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{message.body ?? t('conversations.removed')}</Text>
        </Box>
        {message.translatedBody && (
          <Box>
            <Text size="xs" fw={600}>
              {t('conversations.translation', { language: languageName(message.translatedLanguage, i18n.language) })}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{message.translatedBody}</Text>
          </Box>
        )}
      </Box>
    </Box>
  );
}

export default function Thread() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const conversation = useConversation(id);
  const reply = useReply(id);
  const [draft, setDraft, clearDraft] = useLocalDraft(`reply.${id}`, { body: '' });
  if (conversation.isError) return <ProblemList error={conversation.error} />;
  if (!conversation.data) return <Loading />;
  const c = conversation.data;
  const familyLanguage = c.contact?.language ?? null;
  const translated = familyLanguage && me.data && familyLanguage.slice(0, 2) !== me.data.language.slice(0, 2);
  const untranslatable = reply.error instanceof ApiError && reply.error.status === 409;

  const submit = (event: FormEvent, sendUntranslated = false) => {
    event.preventDefault();
    reply.mutate({ body: draft.body, ...(sendUntranslated ? { sendUntranslated: true } : {}) }, { onSuccess: () => clearDraft() });
  };
  return (
    <Stack maw={900}>
      <Title order={1}>{familyName(c)}</Title>
      <Text size="sm">
        {c.phone} · {languageName(familyLanguage, i18n.language)}
        {c.contact && (
          <>
            {' · '}
            <Anchor component={Link} to={`/families/${c.contact.id}`}>
              {t('conversations.familyPage')}
            </Anchor>
          </>
        )}
      </Text>
      <AssignPanel conversation={c} />
      <Stack gap="xs" aria-live="polite">
        {c.messages.map((m) => (
          <MessageRow key={m.id} message={m} />
        ))}
      </Stack>
      <form onSubmit={submit} aria-label={t('conversations.replyForm')}>
        <Stack gap="xs">
          <Textarea
            label={t('conversations.reply')}
            description={
              translated
                ? t('conversations.receivesTranslated', { language: languageName(familyLanguage, i18n.language) })
                : t('conversations.receivesAsWritten', { language: languageName(familyLanguage, i18n.language) })
            }
            value={draft.body}
            onChange={(e) => setDraft({ body: e.currentTarget.value })}
            autosize
            minRows={2}
            required
            withAsterisk={false}
          />
          {reply.error && !untranslatable && <ProblemList error={reply.error} />}
          {untranslatable && (
            <Alert color="yellow" role="alert">
              <Text>{reply.error?.message}</Text>
              <Button mt="xs" size="xs" variant="default" onClick={(e) => submit(e, true)}>
                {t('conversations.sendAsWritten')}
              </Button>
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={reply.isPending} disabled={!draft.body.trim()}>
              {t('conversations.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
