/**
 * Accuracy of offline language detectors on short family replies
 * (tests/fixtures/language-detection/sms-labelled.json), alone, restricted to the project's
 * languages, and with the family's preferred language as a prior — both when that preference is
 * right and when it is misleading (a family on file as Spanish-speaking who writes in English).
 *
 *   npm run build && node dist/tests/perf/language-detection.bench.js
 *
 * franc (the detector Porchlight uses, libs/translation/src/detection) and eld are ES modules
 * only; franc loads with require() on Node ≥ 20.19, eld only with import(), so it is loaded through
 * a real dynamic import here. cld is left out: it is a native addon built from source at install.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectAll } from 'tinyld';
import { chooseLanguage, francCandidates, FRANC_PRIOR, LanguageCandidate, PriorPolicy, PROJECT_LANGUAGES, toProjectLanguage } from '@porchlight/translation';

interface Sample { text: string; language: string }
type Candidates = (text: string, only?: readonly string[]) => LanguageCandidate[];
interface Detector { name: string; candidates: Candidates; prior: PriorPolicy; note?: string }

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

function fixture(): Sample[] {
  let dir = __dirname;
  while (!existsSync(join(dir, 'tests/fixtures/language-detection'))) dir = resolve(dir, '..');
  return JSON.parse(readFileSync(join(dir, 'tests/fixtures/language-detection/sms-labelled.json'), 'utf8'));
}

const ISO3: Record<string, string> = {
  eng: 'en', spa: 'es', vie: 'vi', cmn: 'zh', arb: 'ar', ara: 'ar', som: 'so', hat: 'ht', por: 'pt', rus: 'ru', kor: 'ko', tgl: 'tl', fil: 'tl', fra: 'fr',
};
const TO_ISO3: Record<string, string> = { en: 'eng', es: 'spa', vi: 'vie', 'zh-Hans': 'cmn', 'zh-Hant': 'cmn', ar: 'arb', so: 'som', ht: 'hat', pt: 'por', ru: 'rus', ko: 'kor', tl: 'tgl', fr: 'fra' };

async function detectors(): Promise<Detector[]> {
  const TINYLD: Record<string, string> = { 'zh-Hans': 'zh', 'zh-Hant': 'zh', so: '', ht: '' };
  const list: Detector[] = [
    { name: 'franc', candidates: francCandidates, prior: FRANC_PRIOR },
    {
      name: 'tinyld',
      note: 'no so, ht',
      prior: { topK: 3, minRelativeScore: 0, lowConfidence: 0.5 },
      candidates: (text, only) =>
        detectAll(text, only ? { only: [...new Set(only.map((l) => TINYLD[l] ?? l).filter(Boolean))] } : undefined).map(({ lang, accuracy }) => ({
          language: toProjectLanguage(lang) ?? lang,
          score: accuracy,
        })),
    },
  ];

  const { eld } = await importEsm('eld/medium');
  const eldCodes = (only: readonly string[]) => [...new Set(only.map((l) => (l.startsWith('zh') ? 'zh' : l)))];
  list.push({
    name: 'eld',
    note: 'no so, ht',
    prior: { topK: 3, minRelativeScore: 0.5, lowConfidence: 0.2 },
    candidates: (text, only) => {
      if (only) eld.dynamicLangSubset(eldCodes(only));
      else eld.dynamicLangSubset(false);
      const scores = eld.detect(text).getScores() as Record<string, number>;
      const max = Math.max(0, ...Object.values(scores));
      return Object.entries(scores).map(([code, score]) => ({ language: toProjectLanguage(code) ?? code, score: max > 0 ? score / max : 0 }));
    },
  });

  const LanguageDetect = require('languagedetect');
  const ld = new LanguageDetect();
  ld.setLanguageType('iso2');
  list.push({
    name: 'languagedetect',
    note: 'no zh, ko, so, ht, vi',
    prior: { topK: 3, minRelativeScore: 0.8, lowConfidence: 0.1 },
    candidates: (text, only) =>
      (ld.detect(text, 10) as Array<[string | null, number]>)
        .filter((c): c is [string, number] => !!c[0])
        .map(([code, score]) => ({ language: toProjectLanguage(code) ?? code, score }))
        .filter((c) => !only || only.includes(c.language)),
  });
  return list;
}

/** The preference that misleads: Spanish for an English text, English for any other. */
const misleading = (language: string) => (language === 'en' ? 'es' : 'en');

type Variant = { name: string; only: boolean; prior: 'none' | 'right' | 'misleading' };
const VARIANTS: Variant[] = [
  { name: 'alone', only: false, prior: 'none' },
  { name: '+prior', only: false, prior: 'right' },
  { name: '+misleading prior', only: false, prior: 'misleading' },
  { name: 'restricted', only: true, prior: 'none' },
  { name: 'restricted+prior', only: true, prior: 'right' },
  { name: 'restricted+misleading', only: true, prior: 'misleading' },
];

function evaluate(samples: Sample[], detector: Detector, variant: Variant) {
  const perLanguage = new Map<string, { right: number; total: number }>();
  let right = 0;
  for (const sample of samples) {
    const candidates = detector.candidates(sample.text, variant.only ? PROJECT_LANGUAGES : undefined);
    const preferred = variant.prior === 'none' ? null : variant.prior === 'right' ? sample.language : misleading(sample.language);
    const chosen = chooseLanguage(sample.text, candidates, { preferred }, variant.prior === 'none' ? null : detector.prior).language;
    const ok = chosen === sample.language;
    right += ok ? 1 : 0;
    const entry = perLanguage.get(sample.language) ?? { right: 0, total: 0 };
    entry.total++;
    entry.right += ok ? 1 : 0;
    perLanguage.set(sample.language, entry);
  }
  return { accuracy: right / samples.length, perLanguage };
}

const pct = (x: number) => (x * 100).toFixed(1);

async function main() {
  const samples = fixture();
  const languages = [...new Set(samples.map((s) => s.language))];
  console.log(`${samples.length} texts, ${languages.length} languages\n`);
  const all = await detectors();
  console.log(`| detector | ${VARIANTS.map((v) => v.name).join(' | ')} |`);
  console.log(`|---|${VARIANTS.map(() => '---:').join('|')}|`);
  const results = new Map<string, ReturnType<typeof evaluate>[]>();
  for (const detector of all) {
    const started = process.hrtime.bigint();
    const row = VARIANTS.map((variant) => evaluate(samples, detector, variant));
    const micros = Number(process.hrtime.bigint() - started) / 1000 / (samples.length * VARIANTS.length);
    results.set(detector.name, row);
    console.log(`| ${detector.name}${detector.note ? ` (${detector.note})` : ''} | ${row.map((r) => pct(r.accuracy)).join(' | ')} | ${micros.toFixed(0)} µs/text`);
  }
  for (const index of [0, 1, 4]) {
    console.log(`\nper language, ${VARIANTS[index].name}`);
    console.log(`| language | ${all.map((d) => d.name).join(' | ')} |`);
    console.log(`|---|${all.map(() => '---:').join('|')}|`);
    for (const language of languages) {
      const cells = all.map((d) => {
        const e = results.get(d.name)![index].perLanguage.get(language)!;
        return pct(e.right / e.total);
      });
      console.log(`| ${language} | ${cells.join(' | ')} |`);
    }
  }
}

void main();
