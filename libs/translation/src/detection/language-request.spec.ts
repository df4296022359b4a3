import { parseLanguageRequest } from './language-request';

describe('parseLanguageRequest', () => {
  it.each([
    ['ESPAÑOL', 'es'],
    ['espanol', 'es'],
    ['Spanish.', 'es'],
    ['Tiếng Việt', 'vi'],
    ['tieng viet', 'vi'],
    ['TIẾNG VIỆT', 'vi'],
    ['SOMALI', 'so'],
    ['Af Soomaali', 'so'],
    ['中文', 'zh-Hans'],
    ['简体中文', 'zh-Hans'],
    ['繁體中文', 'zh-Hant'],
    ['廣東話', 'zh-Hant'],
    ['العربية', 'ar'],
    ['عربي', 'ar'],
    ['Kreyòl', 'ht'],
    ['kreyol ayisyen', 'ht'],
    ['Português', 'pt'],
    ['Русский', 'ru'],
    ['한국어', 'ko'],
    ['Tagalog', 'tl'],
    ['Filipino', 'tl'],
    ['Français', 'fr'],
    ['English', 'en'],
    ['  english!! ', 'en'],
    ['LANG es', 'es'],
    ['lang zh-TW', 'zh-Hant'],
    ['LANG zh-Hant', 'zh-Hant'],
    ['lang fil', 'tl'],
    ['LANG pt-BR', 'pt'],
  ])('%s → %s', (text, language) => {
    expect(parseLanguageRequest(text)).toBe(language);
  });

  it.each(['my son is sick today', 'hablo español', 'LANG xx', 'LANG de', 'lang', '', '1', 'ok', 'STOP'])('%s is not a language request', (text) => {
    expect(parseLanguageRequest(text)).toBeNull();
  });
});
