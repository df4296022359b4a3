import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanguageDetector } from './language-detector';
import { countBallots, lexiconBallot, VotingLanguageDetector } from './voting-detector';

interface Sample {
  text: string;
  language: string;
}
const load = (file: string): Sample[] => JSON.parse(readFileSync(join(__dirname, '../../../../tests/fixtures/language-detection', file), 'utf8'));
const tuning = load('sms-labelled.json');
const heldOut = load('sms-heldout.json');

const right = (s: Sample) => s.language;
const misleading = (s: Sample) => (s.language === 'en' ? 'es' : 'en');
const none = () => null;

function accuracy(detector: LanguageDetector, samples: Sample[], preferred: (sample: Sample) => string | null) {
  return samples.filter((s) => detector.detect(s.text, { preferred: preferred(s) }).language === s.language).length / samples.length;
}

function weakLanguages(detector: LanguageDetector, samples: Sample[], floor: number) {
  return [...new Set(samples.map((s) => s.language))]
    .map((language) => ({
      language,
      accuracy: accuracy(
        detector,
        samples.filter((s) => s.language === language),
        right,
      ),
    }))
    .filter((r) => r.accuracy < floor);
}

// Floors one reply under what tests/perf/language-detection.bench.ts measures (docs/translation.md).
describe('VotingLanguageDetector on the labelled family replies', () => {
  const detector = new VotingLanguageDetector();

  it('has two sets worth measuring, in every project language, that share no reply', () => {
    expect(tuning.length).toBeGreaterThanOrEqual(300);
    expect(heldOut.length).toBeGreaterThanOrEqual(150);
    expect(new Set(tuning.map((s) => s.language)).size).toBe(13);
    expect(new Set(heldOut.map((s) => s.language)).size).toBe(13);
    const tuned = new Set(tuning.map((s) => s.text.toLowerCase()));
    expect(heldOut.filter((s) => tuned.has(s.text.toLowerCase()))).toEqual([]);
  });

  it('detects at least 99% of the tuning set with the family preferred language as a prior, and without one', () => {
    expect(accuracy(detector, tuning, right)).toBeGreaterThanOrEqual(0.99);
    expect(accuracy(detector, tuning, none)).toBeGreaterThanOrEqual(0.99);
  });

  it('detects at least 98.5% of the tuning set when the preferred language is wrong', () => {
    expect(accuracy(detector, tuning, misleading)).toBeGreaterThanOrEqual(0.985);
  });

  it('detects at least 97.5% of the held-out set with the prior, 96.7% without, 95% with a wrong one', () => {
    expect(accuracy(detector, heldOut, right)).toBeGreaterThanOrEqual(0.975);
    expect(accuracy(detector, heldOut, none)).toBeGreaterThanOrEqual(0.967);
    expect(accuracy(detector, heldOut, misleading)).toBeGreaterThanOrEqual(0.95);
  });

  it('gets at least 90% right in every language of the tuning set, 78% of the held-out set, with the prior', () => {
    expect(weakLanguages(detector, tuning, 0.9)).toEqual([]);
    expect(weakLanguages(detector, heldOut, 0.78)).toEqual([]);
  });
});

describe('VotingLanguageDetector', () => {
  const detector = new VotingLanguageDetector();

  it('names the language of one-word and two-word replies from the words families text', () => {
    expect(detector.detect('merci').language).toBe('fr');
    expect(detector.detect('salamat po').language).toBe('tl');
    expect(detector.detect('mahadsanid').language).toBe('so');
    expect(detector.detect('ok cam on').language).toBe('vi');
    expect(detector.detect('obg').language).toBe('pt');
  });

  it('answers in project codes, with the share of ballots as confidence and the basis of its choice', () => {
    expect(detector.detect('mi hijo esta enfermo hoy')).toMatchObject({ language: 'es', confidence: 1, basis: 'detector' });
    expect(detector.detect('waxaan rabaa inaan la hadlo macalinka').language).toBe('so');
    expect(detector.detect('我兒子今天生病了')).toEqual({
      language: 'zh-Hant',
      confidence: 1,
      basis: 'script',
      candidates: [{ language: 'zh-Hant', score: 1 }],
    });
  });

  it('takes the family language for a text whose words belong to no language, or none without one', () => {
    expect(detector.detect('ok 👍', { preferred: 'so' })).toMatchObject({ language: 'so', basis: 'preferred' });
    expect(detector.detect('OKKK lol', { preferred: 'ar' })).toMatchObject({ language: 'ar', basis: 'preferred' });
    expect(detector.detect('ok')).toMatchObject({ language: null, basis: 'none' });
  });

  it("lets the family's Chinese decide when the characters do not tell simplified from traditional", () => {
    expect(detector.detect('收到', { preferred: 'zh-Hant' }).language).toBe('zh-Hant');
    expect(detector.detect('收到', { preferred: 'zh-Hans' }).language).toBe('zh-Hans');
    expect(detector.detect('谢谢', { preferred: 'zh-Hant' }).language).toBe('zh-Hans');
  });

  it('never lets a prior contradict the script', () => {
    expect(detector.detect('спасибо', { preferred: 'es' }).language).toBe('ru');
    expect(detector.detect('شكرا', { preferred: 'fr' }).language).toBe('ar');
  });

  it('chooses only among the district languages (and English)', () => {
    const district = new VotingLanguageDetector({ languages: ['es'] });
    expect(['en', 'es']).toContain(district.detect('obrigado por avisar').language);
    expect(district.detect('спасибо', { preferred: 'es' })).toMatchObject({ language: null, basis: 'none' });
    expect(new VotingLanguageDetector({ languages: ['es-MX', 'fil'] }).detect('salamat po').language).toBe('tl');
  });
});

describe('countBallots', () => {
  it('takes a language two ballots name, whatever the family prefers', () => {
    expect(countBallots(['fr', 'fr'], 'en')).toMatchObject({ language: 'fr', basis: 'detector' });
  });

  it('takes the preferred language when the ballots disagree and one names it', () => {
    expect(countBallots(['es', 'pt'], 'pt')).toMatchObject({ language: 'pt', basis: 'preferred' });
  });

  it('takes the first ballot when they disagree and none names the preferred language', () => {
    expect(countBallots(['es', 'pt'], 'fr')).toMatchObject({ language: 'es', basis: 'detector' });
    expect(countBallots([null, 'pt'], null)).toMatchObject({ language: 'pt', basis: 'detector' });
  });

  it('falls back to the preferred language, or to nothing, without a ballot', () => {
    expect(countBallots([null, null], 'ht')).toMatchObject({ language: 'ht', basis: 'preferred' });
    expect(countBallots([null, null], null)).toMatchObject({ language: null, basis: 'none' });
  });
});

describe('lexiconBallot', () => {
  const all = ['en', 'es', 'pt', 'fr', 'ht', 'so', 'tl', 'vi'];

  it('names a language when the text has a word of it, half a word ahead of the next', () => {
    expect(lexiconBallot('gracias!!', all)).toBe('es');
    expect(lexiconBallot('MESIIII', all)).toBe('ht');
  });

  it('abstains on words it does not know or that several languages share alike', () => {
    expect(lexiconBallot('zzz qwerty', all)).toBeNull();
    expect(lexiconBallot('non', all)).toBeNull();
  });

  it('only names the languages it may choose among', () => {
    expect(lexiconBallot('merci', ['en', 'es'])).toBeNull();
  });
});
