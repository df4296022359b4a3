import { normalizeLanguage } from './language';

describe('normalizeLanguage', () => {
  it.each([
    ['es', 'es'],
    ['ES', 'es'],
    ['spa', 'es'],
    ['Spanish', 'es'],
    ['spanish', 'es'],
    ['Español', 'es'],
    ['espanol', 'es'],
    ['es-MX', 'es'],
    ['es_419', 'es'],
    ['en-US', 'en'],
    ['eng', 'en'],
    ['English', 'en'],
    ['vie', 'vi'],
    ['Vietnamese', 'vi'],
    ['Tiếng Việt', 'vi'],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zho', 'zh-Hans'],
    ['Chinese', 'zh-Hans'],
    ['Mandarin', 'zh-Hans'],
    ['Chinese (Simplified)', 'zh-Hans'],
    ['中文', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['Cantonese', 'zh-Hant'],
    ['yue', 'zh-Hant'],
    ['Traditional Chinese', 'zh-Hant'],
    ['Haitian Creole', 'ht'],
    ['Kreyòl ayisyen', 'ht'],
    ['hat', 'ht'],
    ['Arabic', 'ar'],
    ['العربية', 'ar'],
    ['ara', 'ar'],
    ['Somali', 'so'],
    ['Soomaali', 'so'],
    ['som', 'so'],
    ['Portuguese', 'pt'],
    ['pt-BR', 'pt'],
    ['Português', 'pt'],
    ['Russian', 'ru'],
    ['русский', 'ru'],
    ['Korean', 'ko'],
    ['한국어', 'ko'],
    ['kor', 'ko'],
    ['Tagalog', 'tl'],
    ['tgl', 'tl'],
    ['fil', 'tl'],
    ['French', 'fr'],
    ['fre', 'fr'],
    ['français', 'fr'],
    ['Farsi', 'fa'],
    ['iw', 'he'],
    [' Spanish ', 'es'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeLanguage(input)).toEqual({ ok: true, language: expected });
  });

  it.each(['', '   ', null, undefined])('treats %p as not given', (input) => {
    expect(normalizeLanguage(input)).toEqual({ ok: true, language: null });
  });

  it.each(['Klingonese', 'xx', 'qqq', '42', 'N/A', 'en-'])('refuses %p with a reason', (input) => {
    const result = normalizeLanguage(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(input);
  });
});
