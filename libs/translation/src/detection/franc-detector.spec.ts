import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrancLanguageDetector } from './franc-detector';
import { LanguageDetector } from './language-detector';

interface Sample {
  text: string;
  language: string;
}
const samples: Sample[] = JSON.parse(readFileSync(join(__dirname, '../../../../tests/fixtures/language-detection/sms-labelled.json'), 'utf8'));

function accuracy(detector: LanguageDetector, preferred: (sample: Sample) => string | null, only?: string) {
  const set = only ? samples.filter((s) => s.language === only) : samples;
  return set.filter((s) => detector.detect(s.text, { preferred: preferred(s) }).language === s.language).length / set.length;
}

// Thresholds a little under what tests/perf/language-detection.bench.ts measures (docs/translation.md).
describe('FrancLanguageDetector on the labelled family replies', () => {
  const detector = new FrancLanguageDetector();

  it('has a set worth measuring', () => {
    const languages = new Set(samples.map((s) => s.language));
    expect(samples.length).toBeGreaterThanOrEqual(300);
    expect(languages.size).toBeGreaterThanOrEqual(12);
  });

  it('detects at least 92% with the family preferred language as a prior', () => {
    expect(accuracy(detector, (s) => s.language)).toBeGreaterThanOrEqual(0.92);
  });

  it('detects at least 88% when the preferred language is wrong, and without one', () => {
    expect(accuracy(detector, (s) => (s.language === 'en' ? 'es' : 'en'))).toBeGreaterThanOrEqual(0.88);
    expect(accuracy(detector, () => null)).toBeGreaterThanOrEqual(0.88);
  });

  it('gets at least 70% right in every language with the prior', () => {
    const weak = [...new Set(samples.map((s) => s.language))]
      .map((language) => ({ language, accuracy: accuracy(detector, (s) => s.language, language) }))
      .filter((r) => r.accuracy < 0.7);
    expect(weak).toEqual([]);
  });

  it('answers in project codes, with confidence and the basis of its choice', () => {
    expect(detector.detect('mi hijo esta enfermo hoy')).toMatchObject({ language: 'es', basis: 'detector' });
    expect(detector.detect('waxaan rabaa inaan la hadlo macalinka').language).toBe('so');
    expect(detector.detect('我兒子今天生病了')).toEqual({
      language: 'zh-Hant',
      confidence: 1,
      basis: 'script',
      candidates: [{ language: 'zh-Hant', score: 1 }],
    });
  });

  it('chooses only among the district languages (and English)', () => {
    const district = new FrancLanguageDetector({ languages: ['es'] });
    expect(['en', 'es']).toContain(district.detect('obrigado por avisar').language);
  });
});
