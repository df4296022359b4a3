import { Alert, Button, Group, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Settings as DistrictSettings } from '../../api/types';
import { Loading } from '../../layout/loading';
import { ProblemList } from '../../layout/problems';
import { useMe } from '../auth/session';
import { Glossary } from './glossary';
import { Users } from './users';

/** District admins: languages and quiet hours, the glossary, and staff. */
export default function Settings() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data && me.data.role !== 'district_admin') return <Text>{t('settings.adminsOnly')}</Text>;
  return (
    <Stack maw={900}>
      <Title order={1}>{t('nav.settings')}</Title>
      <District />
      <Glossary />
      <Users />
    </Stack>
  );
}

function District() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.get<DistrictSettings>('/api/v1/settings') });
  const [languages, setLanguages] = useState<string[]>([]);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  useEffect(() => {
    if (!settings.data) return;
    setLanguages(settings.data.languages);
    setStart(settings.data.quietHours.start);
    setEnd(settings.data.quietHours.end);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (patch: Partial<DistrictSettings>) => api.patch<DistrictSettings>('/api/v1/settings', patch),
    onSuccess: (saved) => client.setQueryData(['settings'], saved),
  });
  if (settings.isError) return <ProblemList error={settings.error} />;
  if (!settings.data) return <Loading />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ languages, quietHours: { start, end } });
  };
  return (
    <form onSubmit={submit} aria-label={t('settings.district')}>
      <Stack>
        <Title order={2}>{settings.data.name}</Title>
        <TagsInput label={t('settings.languages')} description={t('settings.languagesHelp')} value={languages} onChange={setLanguages} />
        <Group>
          <TextInput label={t('settings.quietStart')} description={t('settings.quietHelp')} value={start} onChange={(e) => setStart(e.currentTarget.value)} type="time" />
          <TextInput label={t('settings.quietEnd')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} type="time" />
        </Group>
        {save.error && <ProblemList error={save.error} />}
        {save.isSuccess && <Alert color="green">{t('common.saved')}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('settings.saveDistrict')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
