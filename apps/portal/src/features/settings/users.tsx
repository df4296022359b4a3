import { Button, Group, NativeSelect, PasswordInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { Role } from '../../api/types';
import { ProblemList } from '../../layout/problems';

const ROLES: Role[] = ['staff', 'liaison', 'school_admin', 'district_admin'];
const EMPTY = { email: '', name: '', password: '', role: 'staff' as Role };

/** Staff of the district and their roles; a district admin adds people here. */
export function Users() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => ok(api.GET('/api/v1/users')) });
  const [form, setForm] = useState(EMPTY);
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/users', { body: form })),
    onSuccess: () => (setForm(EMPTY), client.invalidateQueries({ queryKey: ['users'] })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Stack>
      <Title order={2}>{t('settings.users')}</Title>
      <Table withTableBorder striped aria-label={t('settings.users')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.email')}</Table.Th>
            <Table.Th>{t('settings.name')}</Table.Th>
            <Table.Th>{t('settings.role')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} aria-label={t('settings.addUser')}>
        <Stack maw={420}>
          <Title order={3}>{t('settings.addUser')}</Title>
          <TextInput label={t('settings.email')} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} required withAsterisk={false} />
          <TextInput label={t('settings.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} required withAsterisk={false} />
          <PasswordInput label={t('settings.password')} value={form.password} onChange={(e) => setForm({ ...form, password: e.currentTarget.value })} required withAsterisk={false} />
          <NativeSelect
            label={t('settings.role')}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}
            data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          />
          {add.error && <ProblemList error={add.error} />}
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('settings.addUser')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
