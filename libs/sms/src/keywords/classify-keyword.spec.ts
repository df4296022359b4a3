import { classifyKeyword, KeywordClassification } from './classify-keyword';
import { KEYWORD_LANGUAGES, KEYWORD_TABLE } from './keyword-table';
import { cleanKeywordText, foldDiacritics } from './normalize-keyword-text';

type Row = [text: string, expected: KeywordClassification];

describe('classifyKeyword', () => {
  describe('opt-out', () => {
    it.each<Row>([
      ['STOP', { kind: 'opt_out' }],
      ['  stop!! ', { kind: 'opt_out' }],
      ['Stop.', { kind: 'opt_out' }],
      ['🛑 STOP 🛑', { kind: 'opt_out' }],
      ['ＳＴＯＰ', { kind: 'opt_out' }],
      ['stop stop stop', { kind: 'opt_out' }],
      ['STOPALL', { kind: 'opt_out', language: 'en' }],
      ['Unsubscribe', { kind: 'opt_out', language: 'en' }],
      ['END', { kind: 'opt_out', language: 'en' }],
      ['quit', { kind: 'opt_out', language: 'en' }],
      ['Cancel', { kind: 'opt_out', language: 'en' }],
      ['REVOKE', { kind: 'opt_out', language: 'en' }],
      ['OPTOUT', { kind: 'opt_out', language: 'en' }],
      ['opt out', { kind: 'opt_out', language: 'en' }],
      ['Opt-out', { kind: 'opt_out', language: 'en' }],
      ['Stop texting me', { kind: 'opt_out', language: 'en' }],
      ['stop messaging me!', { kind: 'opt_out', language: 'en' }],
      ['Remove me', { kind: 'opt_out', language: 'en' }],
      ['unsubscribe me', { kind: 'opt_out', language: 'en' }],
      ['Please stop', { kind: 'opt_out' }],
      ['stop please', { kind: 'opt_out' }],
      ['please stop texting me, thank you', { kind: 'opt_out', language: 'en' }],
      ["Don't text me", { kind: 'opt_out', language: 'en' }],
      ['Don’t text me', { kind: 'opt_out', language: 'en' }],
      // Spanish (PARAR is Portuguese too, so the language is left to the contact's preference)
      ['PARAR', { kind: 'opt_out' }],
      ['Parar por favor', { kind: 'opt_out' }],
      ['ALTO', { kind: 'opt_out', language: 'es' }],
      ['basta', { kind: 'opt_out' }],
      ['No más', { kind: 'opt_out', language: 'es' }],
      ['no mas', { kind: 'opt_out', language: 'es' }],
      ['cancelar', { kind: 'opt_out' }],
      ['Darme de baja, gracias', { kind: 'opt_out', language: 'es' }],
      // Vietnamese
      ['DỪNG', { kind: 'opt_out', language: 'vi' }],
      ['dung', { kind: 'opt_out', language: 'vi' }],
      ['Dừng lại', { kind: 'opt_out', language: 'vi' }],
      ['dung lai', { kind: 'opt_out', language: 'vi' }],
      ['HỦY', { kind: 'opt_out', language: 'vi' }],
      ['huỷ', { kind: 'opt_out', language: 'vi' }],
      ['Hủy đăng ký', { kind: 'opt_out', language: 'vi' }],
      ['vui lòng dừng', { kind: 'opt_out', language: 'vi' }],
      // Chinese, both scripts
      ['停止', { kind: 'opt_out', language: 'zh' }],
      ['停止。', { kind: 'opt_out', language: 'zh' }],
      ['请停止', { kind: 'opt_out', language: 'zh' }],
      ['退订', { kind: 'opt_out', language: 'zh-Hans' }],
      ['退訂', { kind: 'opt_out', language: 'zh-Hant' }],
      ['取消订阅', { kind: 'opt_out', language: 'zh-Hans' }],
      ['取消訂閱', { kind: 'opt_out', language: 'zh-Hant' }],
      ['TD', { kind: 'opt_out', language: 'zh-Hans' }],
      // Arabic, with and without hamza and vowel marks
      ['توقف', { kind: 'opt_out', language: 'ar' }],
      ['تَوَقَّفْ', { kind: 'opt_out', language: 'ar' }],
      ['إلغاء', { kind: 'opt_out', language: 'ar' }],
      ['الغاء', { kind: 'opt_out', language: 'ar' }],
      ['إلغاء الاشتراك من فضلك', { kind: 'opt_out', language: 'ar' }],
      // Somali, Haitian Creole
      ['JOOJI', { kind: 'opt_out', language: 'so' }],
      ['Fadlan jooji', { kind: 'opt_out', language: 'so' }],
      ['SISPANN', { kind: 'opt_out', language: 'ht' }],
      ['Kanpe tanpri', { kind: 'opt_out', language: 'ht' }],
      // Portuguese
      ['PARE', { kind: 'opt_out' }],
      ['SAIR', { kind: 'opt_out', language: 'pt' }],
      ['Não quero mais mensagens', { kind: 'opt_out', language: 'pt' }],
      // French
      ['ARRÊT', { kind: 'opt_out', language: 'fr' }],
      ['ARRETER', { kind: 'opt_out', language: 'fr' }],
      ['Arrêter svp', { kind: 'opt_out', language: 'fr' }],
      ['DÉSABONNER', { kind: 'opt_out', language: 'fr' }],
      ['desabonner', { kind: 'opt_out', language: 'fr' }],
      // Russian, Korean, Tagalog
      ['СТОП', { kind: 'opt_out', language: 'ru' }],
      ['Отписаться', { kind: 'opt_out', language: 'ru' }],
      ['стоп, пожалуйста', { kind: 'opt_out', language: 'ru' }],
      ['중지', { kind: 'opt_out', language: 'ko' }],
      ['수신거부', { kind: 'opt_out', language: 'ko' }],
      ['수신 거부', { kind: 'opt_out', language: 'ko' }],
      ['TIGIL', { kind: 'opt_out', language: 'tl' }],
      ['hinto po', { kind: 'opt_out', language: 'tl' }],
      ['Tama na', { kind: 'opt_out', language: 'tl' }],
    ])('%j → %j', (text, expected) => {
      expect(classifyKeyword(text)).toEqual(expected);
    });
  });

  describe('opt-in', () => {
    it.each<Row>([
      ['START', { kind: 'opt_in', language: 'en' }],
      ['Unstop', { kind: 'opt_in', language: 'en' }],
      ['YES', { kind: 'opt_in', language: 'en' }],
      ['yes!', { kind: 'opt_in', language: 'en' }],
      ['Subscribe', { kind: 'opt_in', language: 'en' }],
      ['COMENZAR', { kind: 'opt_in', language: 'es' }],
      ['Sí', { kind: 'opt_in', language: 'es' }],
      ['si', { kind: 'opt_in', language: 'es' }],
      ['INICIAR', { kind: 'opt_in' }],
      ['BẮT ĐẦU', { kind: 'opt_in', language: 'vi' }],
      ['bat dau', { kind: 'opt_in', language: 'vi' }],
      ['开始', { kind: 'opt_in', language: 'zh-Hans' }],
      ['開始', { kind: 'opt_in', language: 'zh-Hant' }],
      ['ابدأ', { kind: 'opt_in', language: 'ar' }],
      ['BILOW', { kind: 'opt_in', language: 'so' }],
      ['KÒMANSE', { kind: 'opt_in', language: 'ht' }],
      ['komanse', { kind: 'opt_in', language: 'ht' }],
      ['COMEÇAR', { kind: 'opt_in', language: 'pt' }],
      ['comecar', { kind: 'opt_in', language: 'pt' }],
      ['COMMENCER', { kind: 'opt_in', language: 'fr' }],
      ['СТАРТ', { kind: 'opt_in', language: 'ru' }],
      ['시작', { kind: 'opt_in', language: 'ko' }],
      ['magsimula', { kind: 'opt_in', language: 'tl' }],
    ])('%j → %j', (text, expected) => {
      expect(classifyKeyword(text)).toEqual(expected);
    });
  });

  describe('help', () => {
    it.each<Row>([
      ['HELP', { kind: 'help', language: 'en' }],
      ['help?', { kind: 'help', language: 'en' }],
      ['Info', { kind: 'help' }],
      ['AYUDA', { kind: 'help', language: 'es' }],
      ['TRỢ GIÚP', { kind: 'help', language: 'vi' }],
      ['tro giup', { kind: 'help', language: 'vi' }],
      ['帮助', { kind: 'help', language: 'zh-Hans' }],
      ['幫助', { kind: 'help', language: 'zh-Hant' }],
      ['مساعدة', { kind: 'help', language: 'ar' }],
      ['مساعده', { kind: 'help', language: 'ar' }],
      ['CAAWIMO', { kind: 'help', language: 'so' }],
      ['ÈD', { kind: 'help', language: 'ht' }],
      ['AJUDA', { kind: 'help', language: 'pt' }],
      ['AIDE', { kind: 'help', language: 'fr' }],
      ['ПОМОЩЬ', { kind: 'help', language: 'ru' }],
      ['도움말', { kind: 'help', language: 'ko' }],
      ['tulong po', { kind: 'help', language: 'tl' }],
    ])('%j → %j', (text, expected) => {
      expect(classifyKeyword(text)).toEqual(expected);
    });
  });

  describe('language selection', () => {
    it.each<[string, string, string | undefined]>([
      ['ESPAÑOL', 'es', 'es'],
      ['espanol', 'es', 'es'],
      ['Spanish', 'es', 'en'],
      ['Spanish please', 'es', 'en'],
      ['Tiếng Việt', 'vi', 'vi'],
      ['tieng viet', 'vi', 'vi'],
      ['Vietnamese', 'vi', 'en'],
      ['SOMALI', 'so', 'en'],
      ['Af-Soomaali', 'so', 'so'],
      ['中文', 'zh-Hans', 'zh-Hans'],
      ['简体中文', 'zh-Hans', 'zh-Hans'],
      ['繁體', 'zh-Hant', 'zh-Hant'],
      ['繁體中文', 'zh-Hant', 'zh-Hant'],
      ['Chinese', 'zh-Hans', 'en'],
      ['العربية', 'ar', 'ar'],
      ['Kreyòl', 'ht', 'ht'],
      ['kreyol', 'ht', 'ht'],
      ['Haitian Creole', 'ht', 'en'],
      ['Português', 'pt', 'pt'],
      ['Français', 'fr', 'fr'],
      ['francais', 'fr', 'fr'],
      ['Русский', 'ru', 'ru'],
      ['한국어', 'ko', 'ko'],
      ['Tagalog', 'tl', undefined],
      ['English', 'en', 'en'],
      ['Inglés', 'en', 'es'],
    ])('%j → %s', (text, requestedLanguage, language) => {
      expect(classifyKeyword(text)).toEqual({
        kind: 'language',
        requestedLanguage,
        ...(language ? { language } : {}),
      });
    });

    it.each<[string, string]>([
      ['LANG es', 'es'],
      ['lang VI', 'vi'],
      ['LANGUAGE zh-Hant', 'zh-Hant'],
      ['language zh_TW', 'zh-Hant'],
      ['lang zh', 'zh-Hans'],
      ['LANG fil', 'tl'],
      ['LANG pt-BR', 'pt-BR'],
      ['lang hmn', 'hmn'],
      ['LANG spanish', 'es'],
      ['idioma español', 'es'],
    ])('%j → %s', (text, requestedLanguage) => {
      expect(classifyKeyword(text)).toEqual({ kind: 'language', requestedLanguage });
    });

    it.each(['LANG xx', 'LANG', 'lang 123', 'language please help'])('%j is not a language choice', (text) => {
      expect(classifyKeyword(text).kind).toBe('none');
    });
  });

  describe('ordinary messages', () => {
    it.each([
      "the bus didn't stop at our corner",
      'when does school stop for winter?',
      'Stop by the office to pick up the form',
      'Can you help me with the lunch form?',
      'Yes, she will be there',
      'yes she is sick today',
      'Is the game cancelled?',
      'Mi hijo no puede parar de toser',
      'Spanish class is at 9',
      'No',
      'Đúng',
      'Dũng',
      'thanks',
      'please',
      'ok',
      '',
      '   ',
      '!!!',
      '👍',
      `stop ${'a'.repeat(80)}`,
      `stop${' '.repeat(300)}`,
    ])('%j → none', (text) => {
      expect(classifyKeyword(text)).toEqual({ kind: 'none' });
    });
  });
});

describe('keyword table', () => {
  it('covers every language with opt-out, opt-in, help words and its own name', () => {
    for (const language of KEYWORD_LANGUAGES) {
      const table = KEYWORD_TABLE[language];
      expect(table.optOut.length).toBeGreaterThan(0);
      expect(table.optIn.length).toBeGreaterThan(0);
      expect(table.help.length).toBeGreaterThan(0);
      expect(table.languageNames[language]?.length).toBeGreaterThan(0);
      expect(KEYWORD_TABLE.en.languageNames[language]?.length).toBeGreaterThan(0);
    }
  });

  it('classifies every word of the table as its own kind and language', () => {
    for (const language of KEYWORD_LANGUAGES) {
      const { optOut, optIn, help, languageNames } = KEYWORD_TABLE[language];
      const expectations: [string, string, string | undefined][] = [
        ...optOut.map((word): [string, string, undefined] => [word, 'opt_out', undefined]),
        ...optIn.map((word): [string, string, undefined] => [word, 'opt_in', undefined]),
        ...help.map((word): [string, string, undefined] => [word, 'help', undefined]),
        ...Object.entries(languageNames).flatMap(([requested, names]) => (names ?? []).map((name): [string, string, string] => [name, 'language', requested])),
      ];
      for (const [word, kind, requestedLanguage] of expectations) {
        const result = classifyKeyword(word);
        expect({ word, kind: result.kind }).toEqual({ word, kind });
        if (requestedLanguage) expect({ word, requested: result.requestedLanguage }).toEqual({ word, requested: requestedLanguage });
        if (result.language) expect([language, language.split('-')[0]]).toContain(result.language);
        // Upper case with an exclamation mark reads the same.
        expect({ word, kind: classifyKeyword(`${word.toUpperCase()}!`).kind }).toEqual({ word, kind });
      }
    }
  });
});

describe('keyword text normalisation', () => {
  it.each([
    ['  Stop!!  ', 'stop'],
    ['ＳＴＯＰ', 'stop'],
    ["Don't", 'dont'],
    ['opt-out', 'opt out'],
    ['停止！', '停止'],
    ['إِلْغَاء', 'الغاء'],
    ['ابدأ', 'ابدأ'],
    ['ещё', 'еще'],
  ])('cleans %j to %j', (text, cleaned) => {
    expect(cleanKeywordText(text)).toBe(cleaned);
  });

  it.each([
    ['tiếng việt', 'tieng viet'],
    ['đúng', 'dung'],
    ['arrêter', 'arreter'],
    ['kreyòl', 'kreyol'],
    ['русский', 'русскии'],
    ['수신거부', '수신거부'],
    ['がっこう', 'がっこう'],
    ['中文', '中文'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldDiacritics(text)).toBe(folded);
  });
});
