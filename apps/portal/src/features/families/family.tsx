import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { Contact } from '../../api/types';
import { languageName } from '../../i18n/i18n';
import { Loading } from '../../layout/loading';
import { ProblemList } from '../../layout/problems';
import { contactName } from './families';

/** A family member: who they are, their language and where it came from, and their phone, editable. */
export default function Family() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const contact = useQuery({ queryKey: ['contact', id], queryFn: () => api.get<Contact>(`/api/v1/contacts/${id}`) });
  const [language, setLanguage] = useState('');
  const [phone, setPhone] = useState('');
  useEffect(() => {
    if (contact.data) {
      setLanguage(contact.data.language);
      setPhone(contact.data.phone ?? '');
    }
  }, [contact.data]);
  const save = useMutation({
    mutationFn: (patch: Partial<Contact>) => api.patch<Contact>(`/api/v1/contacts/${id}`, patch),
    onSuccess: (saved) => {
      client.setQueryData(['contact', id], saved);
      return client.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
  if (contact.isError) return <ProblemList error={contact.error} />;
  if (!contact.data) return <Loading />;
  const c = contact.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...(language !== c.language ? { language } : {}), ...(phone !== (c.phone ?? '') ? { phone } : {}) });
  };
  return (
    <Stack maw={640}>
      <Title order={1}>{contactName(c)}</Title>
      <Text>
        {t('families.languageFrom', { language: languageName(c.language, i18n.language), source: c.languageSource })}
      </Text>
      <Text>{c.optedOut ? t('families.optedOut') : t('families.subscribed')}</Text>
      <Text>{t('families.children', { count: c.studentIds.length })}</Text>
      <form onSubmit={submit} aria-label={t('families.edit')}>
        <Stack>
          <TextInput label={t('families.language')} description={t('families.languageHelp')} value={language} onChange={(e) => setLanguage(e.currentTarget.value)} />
          <TextInput label={t('families.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} type="tel" />
          {save.error && <ProblemList error={save.error} />}
          {save.isSuccess && <Alert color="green">{t('common.saved')}</Alert>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
