import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The last word before something goes to families: what it costs, and `Send` again to confirm. */
export function ConfirmSend({
  opened,
  title,
  text,
  error,
  sending,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  text: string;
  error: Error | null;
  sending: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} lockScroll={false}>
      <Stack>
        <Text>{text}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={onConfirm} loading={sending} data-autofocus>
            {t('notices.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
