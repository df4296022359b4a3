import { Button, Group, NavLink, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../features/auth/session';
import { chooseLanguage, languageChosenHere } from '../i18n/i18n';
import { LanguageSwitch } from './language-switch';
import { Loading } from './loading';
import './shell.css';

const AREAS = ['notices', 'conversations', 'families', 'surveys', 'decisions', 'reach', 'imports', 'settings'] as const;

/** Header, navigation and the page; only for a signed-in user (else the API's 401 sends them to sign-in). */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  useEffect(() => {
    if (me.data && !languageChosenHere()) chooseLanguage(me.data.language, false);
  }, [me.data]);

  if (!me.data) return <Loading />;
  return (
    <div className="pl-shell">
      <header className="pl-header">
        <Link to="/" className="pl-brand">
          Porchlight
        </Link>
        <Group wrap="nowrap" align="flex-end">
          <LanguageSwitch userId={me.data.id} />
          <Text size="sm" pb={6}>
            {me.data.email}
          </Text>
          <Button variant="default" onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}>
            {t('nav.signOut')}
          </Button>
        </Group>
      </header>
      <nav className="pl-nav" aria-label={t('nav.label')}>
        <NavLink component={Link} to="/" label={t('nav.home')} active={pathname === '/'} />
        {AREAS.map((area) => (
          <NavLink key={area} component={Link} to={`/${area}`} label={t(`nav.${area}`)} active={pathname.startsWith(`/${area}`)} />
        ))}
      </nav>
      <main className="pl-main">
        <Outlet />
      </main>
    </div>
  );
}
