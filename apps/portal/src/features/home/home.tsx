import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/session';
import { useConversations } from '../conversations/hooks';
import { noticeProgress, useNotices } from '../notices/hooks';

/** What needs attention: notices on their way, unread conversations. */
export default function Home() {
  const { t } = useTranslation();
  const me = useMe();
  const notices = useNotices();
  const unread = useConversations({ unread: true });
  const inFlight = (notices.data ?? []).filter((n) => n.status !== 'draft' && noticeProgress(n) < 100);
  return (
    <Stack>
      <Title order={1}>{t('home.welcome', { name: me.data?.name ?? me.data?.email ?? '' })}</Title>
      <Group>
        <Button component={Link} to="/notices/new">
          {t('notices.new')}
        </Button>
      </Group>
      <Group align="stretch">
        <Card withBorder w={320} component="section" aria-labelledby="home-in-flight">
          <Title order={2} size="h4" id="home-in-flight">
            {t('home.inFlight')}
          </Title>
          {inFlight.length === 0 && <Text>{t('home.nothingInFlight')}</Text>}
          {inFlight.map((n) => (
            <Text key={n.id} component={Link} to={`/notices/${n.id}`} c="blue" display="block">
              {(n.title ?? n.body).slice(0, 40)} — {noticeProgress(n)} %
            </Text>
          ))}
        </Card>
        <Card withBorder w={320} component="section" aria-labelledby="home-unread">
          <Title order={2} size="h4" id="home-unread">
            {t('home.unread')}
          </Title>
          <Text>{t('home.unreadCount', { count: unread.data?.items.length ?? 0 })}</Text>
          <Text component={Link} to="/conversations" c="blue">
            {t('nav.conversations')}
          </Text>
        </Card>
      </Group>
    </Stack>
  );
}
