import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { chooseLanguage, INTERFACE_LANGUAGES } from '../i18n/i18n';

const NAMES: Record<string, string> = { en: 'English', es: 'Español' };

/** The interface language, remembered in this browser and, once signed in, on the user's account. */
export function LanguageSwitch({ userId }: { userId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      label={t('common.interfaceLanguage')}
      value={i18n.language}
      onChange={(e) => {
        const language = e.currentTarget.value;
        chooseLanguage(language);
        if (userId) api.PATCH('/api/v1/users/{id}', { params: { path: { id: userId } }, body: { language } }).catch(() => undefined);
      }}
      data={INTERFACE_LANGUAGES.map((value) => ({ value, label: NAMES[value] }))}
      w={160}
    />
  );
}
