import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../layout/loading';
import { ProblemList } from '../../layout/problems';
import { useMe } from '../auth/session';
import { District } from './district';
import { Glossary } from './glossary';
import { useSettings } from './hooks';
import { SmsAccount } from './sms-account';
import { TranslationEngine } from './translation-engine';
import { Users } from './users';

/** District admins: the district, its SMS account, its translation engine, the glossary, and staff. */
export default function Settings() {
  const { t } = useTranslation();
  const me = useMe();
  const settings = useSettings();
  if (me.data && me.data.role !== 'district_admin') return <Text>{t('settings.adminsOnly')}</Text>;
  return (
    <Stack maw={900}>
      <Title order={1}>{t('nav.settings')}</Title>
      {settings.isError && <ProblemList error={settings.error} />}
      {settings.data ? (
        <>
          <District settings={settings.data} />
          <SmsAccount settings={settings.data} />
          <TranslationEngine settings={settings.data} />
        </>
      ) : (
        !settings.isError && <Loading />
      )}
      <Glossary />
      <Users />
    </Stack>
  );
}
