import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';

export const INTERFACE_LANGUAGES = ['en', 'es'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];
const STORED = 'porchlight.language';

/** The interface language: the one chosen in this browser, else the user's, else the browser's, else English. */
export function initialLanguage(): InterfaceLanguage {
  const stored = localStorage.getItem(STORED);
  const wanted = [stored, ...navigator.languages].map((l) => l?.slice(0, 2));
  return (wanted.find((l) => INTERFACE_LANGUAGES.includes(l as InterfaceLanguage)) as InterfaceLanguage | undefined) ?? 'en';
}

export function chooseLanguage(language: string, remember = true): void {
  const supported = INTERFACE_LANGUAGES.find((l) => l === language.slice(0, 2));
  if (!supported) return;
  if (remember) localStorage.setItem(STORED, supported);
  void i18next.changeLanguage(supported);
}

/** Whether the user picked a language in this browser (which wins over their account's). */
export const languageChosenHere = () => localStorage.getItem(STORED) !== null;

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
});

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: initialLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

/** A language's name in the interface language ("Spanish", "español"). */
export function languageName(code: string | null | undefined, uiLanguage: string): string {
  if (!code) return '—';
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export default i18next;
