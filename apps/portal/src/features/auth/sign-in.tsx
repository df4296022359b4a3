import { Alert, Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { LanguageSwitch } from '../../layout/language-switch';
import { useSignIn } from './session';

const LAST_DISTRICT = 'porchlight.district';

export function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const [tenant, setTenant] = useState(() => localStorage.getItem(LAST_DISTRICT) ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { tenant: tenant.trim(), email: email.trim(), password },
      {
        onSuccess: () => {
          localStorage.setItem(LAST_DISTRICT, tenant.trim());
          const next = params.get('next');
          void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
        },
      },
    );
  };
  const error = signIn.error instanceof ApiError && signIn.error.status === 429 ? t('signIn.throttled') : signIn.error ? t('signIn.failed') : null;

  return (
    <Container size={420} py="xl" component="main">
      <Stack>
        <LanguageSwitch />
        <Title order={1}>{t('signIn.title')}</Title>
        {params.get('expired') && <Alert color="yellow">{t('signIn.expired')}</Alert>}
        <Paper withBorder p="lg" component="form" onSubmit={submit} aria-label={t('signIn.title')}>
          <Stack>
            <TextInput label={t('signIn.district')} value={tenant} onChange={(e) => setTenant(e.currentTarget.value)} required withAsterisk={false} autoComplete="organization" />
            <TextInput label={t('signIn.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} required withAsterisk={false} autoComplete="username" />
            <PasswordInput label={t('signIn.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required withAsterisk={false} autoComplete="current-password" />
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </Paper>
      </Stack>
    </Container>
  );
}
