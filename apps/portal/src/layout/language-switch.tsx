import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, INTERFACE_LANGUAGES } from '../i18n/i18n';

const NAMES: Record<string, string> = { en: 'English', es: 'Español' };

/** The interface language, remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      label={t('common.interfaceLanguage')}
      value={i18n.language}
      onChange={(e) => chooseLanguage(e.currentTarget.value)}
      data={INTERFACE_LANGUAGES.map((value) => ({ value, label: NAMES[value] }))}
      w={160}
    />
  );
}
