import { Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/client';
import { Contact, Page } from '../../api/types';
import { languageName } from '../../i18n/i18n';
import { ProblemList } from '../../layout/problems';

export const contactName = (c: Contact) => [c.givenName, c.familyName].filter(Boolean).join(' ') || c.phone || c.id;

export default function Families() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const families = useQuery({ queryKey: ['contacts', q], queryFn: () => api.get<Page<Contact>>(`/api/v1/contacts${query({ q, limit: 100 })}`) });
  const items = families.data?.items ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.families')}</Title>
      <TextInput label={t('families.search')} description={t('families.searchHelp')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={420} />
      {families.error && <ProblemList error={families.error} />}
      {families.data && items.length === 0 && <Text>{t('families.none')}</Text>}
      {items.length > 0 && (
        <Table striped withTableBorder aria-label={t('nav.families')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('families.name')}</Table.Th>
              <Table.Th>{t('families.phone')}</Table.Th>
              <Table.Th>{t('families.language')}</Table.Th>
              <Table.Th>{t('families.consent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Text component={Link} to={`/families/${c.id}`} c="blue">
                    {contactName(c)}
                  </Text>
                </Table.Td>
                <Table.Td>{c.phone}</Table.Td>
                <Table.Td>{languageName(c.language, i18n.language)}</Table.Td>
                <Table.Td>{c.optedOut ? t('families.optedOut') : t('families.subscribed')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
