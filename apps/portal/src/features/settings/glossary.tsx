import { Button, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { ProblemList } from '../../layout/problems';

/** Terms kept as they are in every translation (school names, programmes). */
export function Glossary() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const terms = useQuery({ queryKey: ['glossary'], queryFn: () => ok(api.GET('/api/v1/glossary')) });
  const [term, setTerm] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: ['glossary'] });
  const add = useMutation({ mutationFn: (value: string) => ok(api.POST('/api/v1/glossary', { body: { term: value } })), onSuccess: () => (setTerm(''), refresh()) });
  const remove = useMutation({ mutationFn: (id: string) => ok(api.DELETE('/api/v1/glossary/{id}', { params: { path: { id } } })), onSuccess: refresh });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (term.trim()) add.mutate(term.trim());
  };
  return (
    <Stack>
      <Title order={2}>{t('settings.glossary')}</Title>
      <form onSubmit={submit} aria-label={t('settings.glossary')}>
        <Group align="flex-end">
          <TextInput label={t('settings.term')} value={term} onChange={(e) => setTerm(e.currentTarget.value)} />
          <Button type="submit" loading={add.isPending}>
            {t('settings.addTerm')}
          </Button>
        </Group>
      </form>
      {add.error && <ProblemList error={add.error} />}
      <Table withTableBorder aria-label={t('settings.glossary')}>
        <Table.Tbody>
          {(terms.data ?? []).map((g) => (
            <Table.Tr key={g.id}>
              <Table.Td>{g.term}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(g.id)} aria-label={t('settings.removeTerm', { term: g.term })}>
                  {t('common.remove')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
