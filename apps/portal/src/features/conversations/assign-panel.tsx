import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Conversation } from '../../api/types';
import { ProblemList } from '../../layout/problems';
import { useMe } from '../auth/session';
import { useAssign, useAssignees } from './hooks';

/** Who holds the thread, and handing it to a colleague who sees the family (or back to the shared inbox). */
export function AssignPanel({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useMe();
  const assignees = useAssignees(conversation.id);
  const assign = useAssign(conversation.id);
  const [choice, setChoice] = useState<string | null>(null);
  const people = assignees.data ?? [];
  const nameOf = (id: string | null) => {
    if (id === null) return t('conversations.sharedInbox');
    const person = people.find((p) => p.id === id);
    const name = person ? (person.name ?? person.email) : t('conversations.colleague');
    return id === me.data?.id ? t('conversations.youNamed', { name }) : name;
  };
  const selected = choice ?? conversation.assignedUserId ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    assign.mutate(selected === '' ? null : selected, { onSuccess: () => setChoice(null) });
  };
  return (
    <form onSubmit={submit} aria-label={t('conversations.assignForm')}>
      <Text size="sm" aria-live="polite">
        {t('conversations.assignedToName', { name: nameOf(conversation.assignedUserId) })}
      </Text>
      <Group align="end" gap="xs" mt={4}>
        <NativeSelect
          label={t('conversations.assignTo')}
          value={selected}
          onChange={(e) => setChoice(e.currentTarget.value)}
          data={[
            { value: '', label: t('conversations.sharedInbox') },
            ...people.map((p) => ({ value: p.id, label: `${p.name ?? p.email} · ${t(`roles.${p.role}`, { defaultValue: p.role })}` })),
            // Someone who no longer sees the family may still hold it: shown, so the select says the truth.
            ...(conversation.assignedUserId && assignees.data && !people.some((p) => p.id === conversation.assignedUserId)
              ? [{ value: conversation.assignedUserId, label: nameOf(conversation.assignedUserId) }]
              : []),
          ]}
          disabled={!assignees.data}
          miw={280}
        />
        <Button type="submit" variant="default" loading={assign.isPending} disabled={selected === (conversation.assignedUserId ?? '')}>
          {t('conversations.assign')}
        </Button>
      </Group>
      {assignees.error && <ProblemList error={assignees.error} />}
      {assign.error && <ProblemList error={assign.error} />}
    </form>
  );
}
