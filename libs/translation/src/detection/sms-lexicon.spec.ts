import { lexiconCandidates, meaningfulWords, smsWords } from './sms-lexicon';

describe('smsWords', () => {
  it('folds case and accents, splits on anything but letters, and reads a letter typed many times once', () => {
    expect(smsWords("Sí, GRACIASSSS!! c'est Đúng 👍 10")).toEqual(['si', 'gracias', 'c', 'est', 'dung']);
  });

  it('keeps letters of every script', () => {
    expect(smsWords('ок спасибо, شكرا')).toEqual(['ок', 'спасибо', 'شكرا']);
  });
});

describe('meaningfulWords', () => {
  it('drops the words that say nothing of a language', () => {
    expect(meaningfulWords('OK lol 👍')).toEqual([]);
    expect(meaningfulWords('okkk merci')).toEqual(['merci']);
  });
});

describe('lexiconCandidates', () => {
  const all = ['en', 'es', 'pt', 'fr', 'ht', 'so', 'tl', 'vi'];

  it('counts a word for its one language', () => {
    expect(lexiconCandidates('salamat', all)).toEqual([{ language: 'tl', score: 1 }]);
  });

  it('shares a word equally among the languages it belongs to', () => {
    const candidates = lexiconCandidates('non', all);
    expect(candidates.map((c) => c.language).sort()).toEqual(['fr', 'ht']);
    expect(candidates.every((c) => c.score === 0.5)).toBe(true);
  });

  it('shares a word only among the languages it may choose among', () => {
    expect(lexiconCandidates('non', ['en', 'fr'])).toEqual([{ language: 'fr', score: 1 }]);
  });

  it('knows nothing of words outside it', () => {
    expect(lexiconCandidates('zzz 123', all)).toEqual([]);
  });
});
