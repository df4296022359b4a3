import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { languageName } from '../../i18n/i18n';
import { ProblemList } from '../../layout/problems';
import { useSchools } from '../audience/hooks';
import { contactName, FAMILY_LANGUAGES, useFamilies } from './hooks';

export { contactName } from './hooks';

/** Family members the caller sees: searched by name, phone or email, narrowed to a school or a language. */
export default function Families() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [schoolId, setSchoolId] = useState('');
  const [language, setLanguage] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const schools = useSchools();
  const families = useFamilies({ q, schoolId, language });
  const items = families.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.families')}</Title>
      <Group align="end" role="search" aria-label={t('families.filters')}>
        <TextInput label={t('families.search')} description={t('families.searchHelp')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
        <NativeSelect
          label={t('families.school')}
          value={schoolId}
          onChange={(e) => setSchoolId(e.currentTarget.value)}
          data={[{ value: '', label: t('families.anySchool') }, ...(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          w={240}
        />
        <NativeSelect
          label={t('families.language')}
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value)}
          data={[
            { value: '', label: t('families.anyLanguage') },
            ...FAMILY_LANGUAGES.map((code) => ({ value: code, label: languageName(code, i18n.language) })),
          ]}
          w={200}
        />
      </Group>
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
      {families.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void families.fetchNextPage()} loading={families.isFetchingNextPage}>
            {t('families.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
