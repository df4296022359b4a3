import { Alert, Box, Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemList } from '../../layout/problems';
import { SmsTrial, useSmsTest } from './hooks';

/** "Test it": whether the provider accepts the Account SID and token as typed (or saved), in a live region. */
export function SmsTest({ account }: { account: SmsTrial }) {
  const { t } = useTranslation();
  const test = useSmsTest();
  const result = test.data;
  return (
    <Stack gap="xs">
      <Group>
        <Button type="button" variant="light" onClick={() => test.mutate(account)} loading={test.isPending}>
          {t('settings.sms.test')}
        </Button>
      </Group>
      <Box role="status" aria-live="polite">
        {result?.ok && <Alert color="green">{t('settings.sms.worked', { name: result.friendlyName ?? result.accountSid })}</Alert>}
        {result && !result.ok && (
          <Alert color="red">{result.errorCode ? t(`settings.sms.errors.${result.errorCode}`, { defaultValue: result.error }) : result.error}</Alert>
        )}
      </Box>
      {test.error && <ProblemList error={test.error} />}
    </Stack>
  );
}
