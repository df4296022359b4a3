import { Badge, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemList } from '../../layout/problems';
import { familyName, useConversations } from './hooks';

/** Threads the caller sees, newest first: the family's name and the start of the latest message. */
export default function Inbox() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const conversations = useConversations(filter === 'unread' ? true : undefined);
  const items = conversations.data?.items ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.conversations')}</Title>
      <SegmentedControl
        aria-label={t('conversations.filter')}
        value={filter}
        onChange={(v) => setFilter(v as 'all' | 'unread')}
        data={[
          { value: 'all', label: t('conversations.all') },
          { value: 'unread', label: t('conversations.unread') },
        ]}
        w={260}
      />
      {conversations.error && <ProblemList error={conversations.error} />}
      {conversations.data && items.length === 0 && <Text>{t('conversations.none')}</Text>}
      {items.length > 0 && (
        <Table striped withTableBorder aria-label={t('nav.conversations')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('conversations.family')}</Table.Th>
              <Table.Th>{t('conversations.latest')}</Table.Th>
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
                <Table.Td>{new Date(c.lastMessageAt).toLocaleString(i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
