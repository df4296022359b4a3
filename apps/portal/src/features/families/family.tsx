import { Alert, Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { Contact } from '../../api/types';
import { languageName } from '../../i18n/i18n';
import { Loading } from '../../layout/loading';
import { ProblemList } from '../../layout/problems';
import { useConversations } from '../conversations/hooks';
import { useSchools } from '../audience/hooks';
import { ConsentHistory } from './consent-history';
import { contactName, useChildren, useFamily, useSaveFamily } from './hooks';

/** What the API said about one field, to show beside it. */
const problemWith = (error: Error | null, field: string) =>
  error instanceof ApiError ? error.details.filter((d) => d.field === field).map((d) => d.message).join('; ') || undefined : undefined;

/** The family member's children the caller sees, with their school and grade. */
function Children({ id }: { id: string }) {
  const { t } = useTranslation();
  const children = useChildren(id);
  const schools = useSchools();
  const schoolName = new Map((schools.data ?? []).map((s) => [s.id, s.name]));
  if (children.error) return <ProblemList error={children.error} />;
  if (!children.data) return null;
  if (children.data.length === 0) return <Text>{t('families.noChildren')}</Text>;
  return (
    <Table withTableBorder aria-label={t('families.childrenTable')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('families.name')}</Table.Th>
          <Table.Th>{t('families.school')}</Table.Th>
          <Table.Th>{t('families.grade')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {children.data.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{`${s.givenName} ${s.familyName}`}</Table.Td>
            <Table.Td>{schoolName.get(s.schoolId) ?? '—'}</Table.Td>
            <Table.Td>{s.grade ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A link to the thread of the family member's phone, when there is one. */
function ConversationLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const threads = useConversations({ contactId: id }, { poll: false });
  const [thread] = threads.data?.items ?? [];
  if (!threads.data) return null;
  if (!thread) return <Text>{t('families.noConversation')}</Text>;
  return (
    <Anchor component={Link} to={`/conversations/${thread.id}`}>
      {t('families.openConversation')}
    </Anchor>
  );
}

/** Language and phone, editable; the API's reasons (a phone that cannot take texts) beside the field. */
function EditFamily({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const save = useSaveFamily(contact.id);
  const [language, setLanguage] = useState(contact.language);
  const [phone, setPhone] = useState(contact.phone ?? '');
  useEffect(() => {
    setLanguage(contact.language);
    setPhone(contact.phone ?? '');
  }, [contact.language, contact.phone]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...(language !== contact.language ? { language } : {}), ...(phone !== (contact.phone ?? '') ? { phone } : {}) });
  };
  const fieldProblems = problemWith(save.error, 'language') ?? problemWith(save.error, 'phone');
  return (
    <form onSubmit={submit} aria-label={t('families.edit')}>
      <Stack>
        <Title order={2}>{t('families.edit')}</Title>
        <TextInput
          label={t('families.language')}
          description={t('families.languageHelp')}
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value)}
          error={problemWith(save.error, 'language')}
        />
        <TextInput label={t('families.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} type="tel" error={problemWith(save.error, 'phone')} />
        {save.error && !fieldProblems && <ProblemList error={save.error} />}
        {save.isSuccess && <Alert color="green">{t('common.saved')}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A family member: who they are, their phone and language and where each came from, their children, consent and thread. */
export default function Family() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const contact = useFamily(id);
  if (contact.isError) return <ProblemList error={contact.error} />;
  if (!contact.data) return <Loading />;
  const c = contact.data;
  const source = (kind: 'languageSource' | 'phoneSource') => t(`families.sources.${c[kind]}`, { defaultValue: c[kind] });
  return (
    <Stack maw={760}>
      <Title order={1}>{contactName(c)}</Title>
      <Text>{t('families.phoneFrom', { phone: c.phone ?? '—', source: source('phoneSource') })}</Text>
      <Text>{t('families.languageFrom', { language: languageName(c.language, i18n.language), source: source('languageSource') })}</Text>
      <Text>{c.optedOut ? t('families.optedOut') : t('families.subscribed')}</Text>
      <ConversationLink id={id} />
      <Title order={2}>{t('families.childrenTitle')}</Title>
      <Children id={id} />
      <Title order={2}>{t('families.consentHistory')}</Title>
      <ConsentHistory id={id} />
      <EditFamily contact={c} />
    </Stack>
  );
}
