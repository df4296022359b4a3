import { Badge, Button, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemList } from '../../layout/problems';
import { DecisionStatus, useCreateDecision, useDecisions } from './hooks';

const STATUS_COLOR: Record<DecisionStatus, string> = { gathering: 'blue', decided: 'orange', communicated: 'green' };

export function StatusBadge({ status }: { status: DecisionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`decisions.statuses.${status}`)}
    </Badge>
  );
}

/** The decision log, newest first, and a form to record the next question the district must decide. */
export default function DecisionsList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const decisions = useDecisions();
  const create = useCreateDecision();
  const [title, setTitle] = useState('');
  const [question, setQuestion] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ title, question }, { onSuccess: (decision) => void navigate(`/decisions/${decision.id}`) });
  };
  return (
    <Stack>
      <Title order={1}>{t('nav.decisions')}</Title>
      <Text>{t('decisions.intro')}</Text>
      {decisions.error && <ProblemList error={decisions.error} />}
      {decisions.data?.items.length === 0 && <Text>{t('decisions.none')}</Text>}
      {decisions.data && decisions.data.items.length > 0 && (
        <Table striped withTableBorder aria-label={t('decisions.log')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('decisions.title')}</Table.Th>
              <Table.Th>{t('decisions.status')}</Table.Th>
              <Table.Th>{t('decisions.loopColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decisions.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Text component={Link} to={`/decisions/${d.id}`} c="blue">
                    {d.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={d.status} />
                </Table.Td>
                <Table.Td>{d.loop ? t('decisions.loopReached', { reached: d.loop.reached, families: d.loop.families }) : '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={submit} aria-label={t('decisions.new')}>
        <Stack maw={560}>
          <Title order={2} size="h3">
            {t('decisions.new')}
          </Title>
          <TextInput label={t('decisions.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required withAsterisk={false} />
          <Textarea label={t('decisions.question')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} required withAsterisk={false} autosize minRows={2} />
          {create.error && <ProblemList error={create.error} />}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('decisions.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
