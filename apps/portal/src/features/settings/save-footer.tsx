import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemList } from '../../layout/problems';

/** What a settings form's save came to (the API's problems, or Saved.), and its submit button. */
export function SaveFooter({ save, label }: { save: { error: Error | null; isSuccess: boolean; isPending: boolean }; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      {save.error && <ProblemList error={save.error} />}
      {save.isSuccess && (
        <Alert color="green" role="status">
          {t('common.saved')}
        </Alert>
      )}
      <Group>
        <Button type="submit" loading={save.isPending}>
          {label}
        </Button>
      </Group>
    </>
  );
}
