import { Alert, Button, FileInput, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { ImportResult } from '../../api/types';
import { ProblemList } from '../../layout/problems';

const csvCell = (value: string | number) => `"${String(value).replace(/"/g, '""')}"`;

function errorsCsv(result: ImportResult): string {
  const rows = [['file', 'row', 'field', 'message'], ...result.errors.map((e) => [e.file, e.row, e.field, e.message])];
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n');
}

/** Upload a plain CSV or a OneRoster bundle; follow the import and read its row errors. */
export default function Imports() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'csv' | 'oneroster'>('csv');
  const [file, setFile] = useState<File | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (input: { kind: 'csv' | 'oneroster'; file: File }) => {
      const form = new FormData();
      form.append('file', input.file, input.file.name);
      // Sent as this form (multipart, with the browser's boundary), not as JSON.
      return ok(api.POST(`/api/v1/imports/${input.kind}`, { body: {}, bodySerializer: () => form }));
    },
    onSuccess: ({ id }) => setImportId(id),
  });
  const result = useQuery({
    queryKey: ['import', importId],
    queryFn: () => ok(api.GET('/api/v1/imports/{id}', { params: { path: { id: importId ?? '' } } })),
    enabled: Boolean(importId),
    refetchInterval: (q) => (q.state.data && ['completed', 'failed'].includes(q.state.data.status) ? false : 1_000),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate({ kind, file });
  };
  const r = result.data;
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('nav.imports')}</Title>
      <form onSubmit={submit} aria-label={t('imports.upload')}>
        <Stack maw={480}>
          <NativeSelect
            label={t('imports.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as 'csv' | 'oneroster')}
            data={[
              { value: 'csv', label: t('imports.plainCsv') },
              { value: 'oneroster', label: t('imports.oneRoster') },
            ]}
          />
          <FileInput
            label={t('imports.file')}
            value={file}
            onChange={setFile}
            accept={kind === 'csv' ? '.csv,text/csv' : '.zip,.csv'}
            clearable
            clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
          />
          {upload.error && <ProblemList error={upload.error} />}
          <Group>
            <Button type="submit" disabled={!file} loading={upload.isPending}>
              {t('imports.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
      {r && (
        <Stack>
          <Title order={2}>{t('imports.result')}</Title>
          <Text role="status">{t(`imports.statuses.${r.status}`)}</Text>
          <Text>{t('imports.counts', { ...r.counts })}</Text>
          {r.errors.length > 0 && (
            <>
              <Group justify="space-between">
                <Title order={3}>{t('imports.errors', { count: r.errors.length })}</Title>
                <Button component="a" variant="default" href={`data:text/csv;charset=utf-8,${encodeURIComponent(errorsCsv(r))}`} download="import-errors.csv">
                  {t('imports.download')}
                </Button>
              </Group>
              <Table striped withTableBorder aria-label={t('imports.errorsTable')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('imports.fileColumn')}</Table.Th>
                    <Table.Th>{t('imports.row')}</Table.Th>
                    <Table.Th>{t('imports.field')}</Table.Th>
                    <Table.Th>{t('imports.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.errors.map((e) => (
                    <Table.Tr key={`${e.file}:${e.row}:${e.field}`}>
                      <Table.Td>{e.file}</Table.Td>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td>{e.field}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          {r.status === 'completed' && r.errors.length === 0 && <Alert color="green">{t('imports.noErrors')}</Alert>}
        </Stack>
      )}
    </Stack>
  );
}
