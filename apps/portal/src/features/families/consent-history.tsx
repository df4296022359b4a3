import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemList } from '../../layout/problems';
import { useConsentHistory } from './hooks';

/** Each opt-out and opt-in of the family's phone: what, the keyword texted, how it came, when. */
export function ConsentHistory({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const history = useConsentHistory(id);
  if (history.error) return <ProblemList error={history.error} />;
  if (!history.data) return null;
  if (history.data.items.length === 0) return <Text>{t('families.noConsentChanges')}</Text>;
  return (
    <Table withTableBorder striped aria-label={t('families.consentHistory')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('families.consentChange')}</Table.Th>
          <Table.Th>{t('families.keyword')}</Table.Th>
          <Table.Th>{t('families.channel')}</Table.Th>
          <Table.Th>{t('families.when')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data.items.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{t(`families.consentActions.${e.action}`, { defaultValue: e.action })}</Table.Td>
            <Table.Td>{e.keyword ?? '—'}</Table.Td>
            <Table.Td>{t(`families.channels.${e.source}`, { defaultValue: e.source })}</Table.Td>
            <Table.Td>{new Date(e.createdAt).toLocaleString(i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
