import { Badge, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemList } from '../../layout/problems';
import { useMe } from '../auth/session';
import { ConversationFilter, familyName, useConversations } from './hooks';

type Choice = 'mine' | 'school' | 'unassigned' | 'unread' | 'all';

/** What each choice asks the API for: the server narrows within the caller's families. */
const FILTERS: Record<Choice, ConversationFilter> = {
  mine: { assigned: 'me' },
  school: { school: 'mine' },
  unassigned: { assigned: 'none' },
  unread: { unread: true },
  all: {},
};

/** Threads the caller sees, newest first: the family's name, the start of the latest message, who holds it. */
export default function Inbox() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [choice, setChoice] = useState<Choice>('all');
  const conversations = useConversations(FILTERS[choice]);
  const items = conversations.data?.items ?? [];
  // "My school's" is for staff of schools; a district admin has none of their own.
  const choices: Choice[] = me.data && me.data.schoolIds.length > 0 ? ['mine', 'school', 'unassigned', 'unread', 'all'] : ['mine', 'unassigned', 'unread', 'all'];
  const holder = (assignedUserId: string | null) =>
    assignedUserId === null ? t('conversations.sharedInbox') : assignedUserId === me.data?.id ? t('conversations.you') : t('conversations.colleague');
  return (
    <Stack>
      <Title order={1}>{t('nav.conversations')}</Title>
      <SegmentedControl
        aria-label={t('conversations.filter')}
        value={choice}
        onChange={(v) => setChoice(v as Choice)}
        data={choices.map((c) => ({ value: c, label: t(`conversations.filters.${c}`) }))}
        maw={620}
      />
      {conversations.error && <ProblemList error={conversations.error} />}
      {conversations.data && items.length === 0 && <Text>{t('conversations.none')}</Text>}
      {items.length > 0 && (
        <Table striped withTableBorder aria-label={t('nav.conversations')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('conversations.family')}</Table.Th>
              <Table.Th>{t('conversations.latest')}</Table.Th>
              <Table.Th>{t('conversations.assignedTo')}</Table.Th>
              <Table.Th>{t('conversations.when')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text component={Link} to={`/conversations/${c.id}`} c="blue" fw={c.unreadCount > 0 ? 700 : 400}>
                      {familyName(c)}
                    </Text>
                    {c.unreadCount > 0 && <Badge size="sm">{t('conversations.unreadCount', { count: c.unreadCount })}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{(c.lastMessage?.body ?? '').slice(0, 80)}</Table.Td>
                <Table.Td>{holder(c.assignedUserId)}</Table.Td>
                <Table.Td>{new Date(c.lastMessageAt).toLocaleString(i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
