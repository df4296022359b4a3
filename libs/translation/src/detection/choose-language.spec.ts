import { chooseLanguage, decideByScript, PriorPolicy } from './choose-language';
import { chineseVariant, dominantScript } from './script';

const prior: PriorPolicy = { topK: 2, minRelativeScore: 0.85, lowConfidence: 0.3 };

describe('chooseLanguage', () => {
  it('lets the script decide Korean, Chinese and Vietnamese whatever the detector says', () => {
    expect(chooseLanguage('감사합니다', [{ language: 'ja', score: 1 }], { preferred: 'es' }, prior)).toMatchObject({ language: 'ko', basis: 'script' });
    expect(chooseLanguage('我儿子今天生病了', [], {}, null)).toMatchObject({ language: 'zh-Hans', basis: 'script' });
    expect(chooseLanguage('我兒子今天生病了', [], {}, null)).toMatchObject({ language: 'zh-Hant', basis: 'script' });
    expect(chooseLanguage('mấy giờ đón con', [{ language: 'es', score: 1 }], {}, null)).toMatchObject({ language: 'vi', basis: 'script' });
  });

  it('takes the detector first choice without a prior', () => {
    const result = chooseLanguage(
      'gracias',
      [
        { language: 'es', score: 1 },
        { language: 'pt', score: 0.95 },
      ],
      {},
      null,
    );
    expect(result).toMatchObject({ language: 'es', confidence: 1, basis: 'detector' });
  });

  it('prefers the family language when it is a close second', () => {
    const candidates = [
      { language: 'es', score: 1 },
      { language: 'pt', score: 0.9 },
    ];
    expect(chooseLanguage('obrigado', candidates, { preferred: 'pt-BR' }, prior)).toMatchObject({ language: 'pt', basis: 'preferred' });
  });

  it('keeps the detector choice when the family language is far behind', () => {
    const candidates = [
      { language: 'en', score: 1 },
      { language: 'es', score: 0.5 },
    ];
    expect(chooseLanguage('my son is sick', candidates, { preferred: 'es' }, prior)).toMatchObject({ language: 'en', basis: 'detector' });
  });

  it('prefers the family language when the detector is unsure', () => {
    const candidates = [
      { language: 'fr', score: 0.2 },
      { language: 'en', score: 0.1 },
      { language: 'ht', score: 0.05 },
    ];
    expect(chooseLanguage('mesi', candidates, { preferred: 'ht' }, prior)).toMatchObject({ language: 'ht', basis: 'preferred' });
  });

  it('never lets a prior contradict the script', () => {
    const candidates = [{ language: 'ru', score: 0.1 }];
    expect(chooseLanguage('спасибо', candidates, { preferred: 'es' }, prior)).toMatchObject({ language: 'ru', basis: 'detector' });
    expect(chooseLanguage('شكرا', [{ language: 'es', score: 1 }], {}, null).language).toBeNull();
  });

  it("lets the family's Chinese decide when the characters do not tell the written form", () => {
    expect(decideByScript('好的', 'zh-Hant')).toMatchObject({ language: 'zh-Hant', basis: 'script' });
    expect(decideByScript('好的', 'vi')).toMatchObject({ language: 'zh-Hans', basis: 'script' });
    expect(decideByScript('好的谢谢', 'zh-Hant')).toMatchObject({ language: 'zh-Hans', basis: 'script' });
    expect(decideByScript('gracias', 'es')).toBeNull();
  });

  it('falls back to the preferred language, or to nothing, for a text without letters', () => {
    expect(chooseLanguage('👍 10', [], { preferred: 'so' }, prior)).toMatchObject({ language: 'so', basis: 'preferred' });
    expect(chooseLanguage('👍 10', [], {}, prior)).toMatchObject({ language: null, basis: 'none' });
  });
});

describe('script', () => {
  it.each([
    ['hola', 'latin'],
    ['спасибо', 'cyrillic'],
    ['شكرا', 'arabic'],
    ['감사', 'hangul'],
    ['谢谢', 'han'],
    ['ありがとう', 'kana'],
    ['漢字とかな', 'kana'],
    ['123 !', 'none'],
  ])('%s is %s', (text, script) => expect(dominantScript(text)).toBe(script));

  it('tells simplified from traditional Chinese', () => {
    expect(chineseVariant('谢谢老师通知')).toBe('zh-Hans');
    expect(chineseVariant('謝謝老師通知')).toBe('zh-Hant');
    expect(chineseVariant('唔該晒')).toBe('zh-Hant');
    expect(chineseVariant('好的')).toBe('zh-Hans');
    expect(chineseVariant('好的', 'zh-Hant')).toBe('zh-Hant');
  });
});
