/**
 * Accuracy of offline language detection on short family replies, on the set the choices were
 * tuned on (tests/fixtures/language-detection/sms-labelled.json) and on a held-out set never used
 * to tune (sms-heldout.json): single detectors alone, restricted to the project's languages, and
 * with the family's preferred language as a prior — both when that preference is right and when it
 * is misleading (a family on file as Spanish-speaking who writes in English); then the ways of
 * combining CLD2, franc and the SMS lexicon, among them the one Porchlight uses
 * (VotingLanguageDetector: lexicon + franc).
 *
 *   npm run bench:language-detection
 *
 * franc and eld are ES modules only; franc loads with require() on Node ≥ 20.19, eld only with
 * import(), so it is loaded through a real dynamic import here. cld (CLD2) is a native addon
 * compiled from source at install, which Porchlight does not ship: `npm install --no-save cld`
 * before the benchmark adds it to the comparison; without it, it is left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectAll } from 'tinyld';
import {
  candidatesInScript,
  chooseLanguage,
  countBallots,
  decideByScript,
  dominantScript,
  francCandidates,
  FRANC_PRIOR,
  LanguageCandidate,
  lexiconBallot,
  PriorPolicy,
  PROJECT_LANGUAGES,
  toProjectLanguage,
  VotingLanguageDetector,
} from '@porchlight/translation';

interface Sample {
  text: string;
  language: string;
}
type Candidates = (text: string, only?: readonly string[]) => LanguageCandidate[];
interface Detector {
  name: string;
  candidates: Candidates;
  prior: PriorPolicy;
  note?: string;
}
/** A whole method: the language of a text given the family's preferred language (or none). */
interface Method {
  name: string;
  detect: (text: string, preferred: string | null) => string | null;
}

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

const SETS = { tuning: 'sms-labelled.json', 'held-out': 'sms-heldout.json' };

function fixture(file: string): Sample[] {
  let dir = __dirname;
  while (!existsSync(join(dir, 'tests/fixtures/language-detection'))) dir = resolve(dir, '..');
  return JSON.parse(readFileSync(join(dir, 'tests/fixtures/language-detection', file), 'utf8'));
}

/** The synchronous entry of cld's native addon (the package's own `detect` returns a promise). */
type CldAddon = {
  detect(
    text: string,
    isPlainText: boolean,
    languageHint: string,
    encodingHint: string,
    tldHint: string,
    httpHint: string,
    bestEffort: boolean,
  ): {
    languages: Array<{ code: string; score: number }>;
  };
};
function loadCld(): CldAddon | null {
  try {
    return require('cld/build/Release/cld');
  } catch {
    return null;
  }
}
const cld = loadCld();

/** CLD2's names for the project languages, for its language hint. */
const CLD_NAMES: Record<string, string> = {
  en: 'ENGLISH',
  es: 'SPANISH',
  vi: 'VIETNAMESE',
  'zh-Hans': 'Chinese',
  'zh-Hant': 'ChineseT',
  ar: 'ARABIC',
  so: 'SOMALI',
  ht: 'HAITIAN_CREOLE',
  pt: 'PORTUGUESE',
  ru: 'RUSSIAN',
  ko: 'KOREAN',
  tl: 'TAGALOG',
  fr: 'FRENCH',
};

/**
 * CLD2's (at most three) candidates, "zh" for either written form, scores relative to the first.
 * `hint` is CLD2's own prior; with `bestEffort` (the default) it answers even for a word or two.
 */
function cldCandidates(text: string, only?: readonly string[], options: { hint?: string | null; bestEffort?: boolean } = {}): LanguageCandidate[] {
  const result = cld!.detect(text, true, (options.hint && CLD_NAMES[options.hint]) ?? '', '', '', '', options.bestEffort ?? true);
  const first = result.languages[0]?.score || 1;
  return result.languages
    .map(({ code, score }) => ({ language: code.startsWith('zh') ? 'zh' : (toProjectLanguage(code) ?? code), score: score / first }))
    .filter((c) => !only || only.includes(c.language) || c.language === 'zh');
}

/** CLD2 names at most three languages: the preferred one wins when it is among them. */
const CLD_PRIOR: PriorPolicy = { topK: 3, minRelativeScore: 0, lowConfidence: 0 };

async function detectors(): Promise<Detector[]> {
  const TINYLD: Record<string, string> = { 'zh-Hans': 'zh', 'zh-Hant': 'zh', so: '', ht: '' };
  const list: Detector[] = [{ name: 'franc', candidates: francCandidates, prior: FRANC_PRIOR }];
  if (cld) list.push({ name: 'cld', candidates: (text, only) => cldCandidates(text, only), prior: CLD_PRIOR });
  list.push({
    name: 'tinyld',
    note: 'no so, ht',
    prior: { topK: 3, minRelativeScore: 0, lowConfidence: 0.5 },
    candidates: (text, only) =>
      detectAll(text, only ? { only: [...new Set(only.map((l) => TINYLD[l] ?? l).filter(Boolean))] } : undefined).map(({ lang, accuracy }) => ({
        language: toProjectLanguage(lang) ?? lang,
        score: accuracy,
      })),
  });

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

type Source = 'lexicon' | 'cld' | 'cld-strict' | 'franc';

/** Counts the ballots of `sources` (most trusted first) after the script rules, as the voting detector does. */
function ballots(sources: Source[]): Method['detect'] {
  const only = PROJECT_LANGUAGES;
  return (text, preferred) => {
    const byScript = decideByScript(text, preferred);
    if (byScript) return byScript.language;
    const script = dominantScript(text);
    const first = (candidates: LanguageCandidate[]) => candidatesInScript(text, candidates, script)[0]?.language ?? null;
    const ballot = (source: Source) =>
      source === 'lexicon'
        ? lexiconBallot(text, only)
        : source === 'franc'
          ? first(francCandidates(text, only))
          : first(cldCandidates(text, only, { bestEffort: source === 'cld' }));
    return countBallots(sources.map(ballot), preferred).language;
  };
}

/** Every combination is restricted to the project languages, with the script rules first. */
function methods(): Method[] {
  const only = PROJECT_LANGUAGES;
  const voting = new VotingLanguageDetector();
  const withCld: Method[] = [
    { name: 'cld, CLD2 hint as the prior', detect: (t, p) => chooseLanguage(t, cldCandidates(t, only, { hint: p }), { preferred: p }, null).language },
    {
      name: 'cld, franc when cld names no project language',
      detect: (t, p) => {
        const candidates = cldCandidates(t, only);
        return candidates.length
          ? chooseLanguage(t, candidates, { preferred: p }, p ? CLD_PRIOR : null).language
          : chooseLanguage(t, francCandidates(t, only), { preferred: p }, p ? FRANC_PRIOR : null).language;
      },
    },
    { name: 'ballots: cld + franc', detect: ballots(['cld', 'franc']) },
    { name: 'ballots: lexicon + cld', detect: ballots(['lexicon', 'cld']) },
    { name: 'ballots: lexicon + cld (strict) + franc', detect: ballots(['lexicon', 'cld-strict', 'franc']) },
    { name: 'ballots: lexicon + cld + franc', detect: ballots(['lexicon', 'cld', 'franc']) },
  ];
  return [
    { name: 'lexicon alone (none when it cannot tell)', detect: (t, p) => decideByScript(t, p)?.language ?? lexiconBallot(t, only) },
    ...(cld ? withCld : []),
    { name: 'ballots: lexicon + franc', detect: ballots(['lexicon', 'franc']) },
    { name: '**VotingLanguageDetector** (lexicon + franc; "ok", "lol" → prior)', detect: (t, p) => voting.detect(t, { preferred: p }).language },
  ];
}

/** The preference that misleads: Spanish for an English text, English for any other. */
const misleading = (language: string) => (language === 'en' ? 'es' : 'en');
const preferredFor = (prior: Prior, language: string) => (prior === 'none' ? null : prior === 'right' ? language : misleading(language));
type Prior = 'none' | 'right' | 'misleading';

type Variant = { name: string; only: boolean; prior: Prior };
const VARIANTS: Variant[] = [
  { name: 'alone', only: false, prior: 'none' },
  { name: '+prior', only: false, prior: 'right' },
  { name: '+misleading prior', only: false, prior: 'misleading' },
  { name: 'restricted', only: true, prior: 'none' },
  { name: 'restricted+prior', only: true, prior: 'right' },
  { name: 'restricted+misleading', only: true, prior: 'misleading' },
];
const PRIORS: Prior[] = ['none', 'right', 'misleading'];

interface Score {
  accuracy: number;
  perLanguage: Map<string, number>;
}

function score(samples: Sample[], detect: (sample: Sample) => string | null): Score {
  const perLanguage = new Map<string, { right: number; total: number }>();
  let right = 0;
  for (const sample of samples) {
    const ok = detect(sample) === sample.language;
    right += ok ? 1 : 0;
    const entry = perLanguage.get(sample.language) ?? { right: 0, total: 0 };
    entry.total++;
    entry.right += ok ? 1 : 0;
    perLanguage.set(sample.language, entry);
  }
  return { accuracy: right / samples.length, perLanguage: new Map([...perLanguage].map(([l, e]) => [l, e.right / e.total])) };
}

const evaluate = (samples: Sample[], detector: Detector, variant: Variant) =>
  score(samples, (sample) => {
    const candidates = detector.candidates(sample.text, variant.only ? PROJECT_LANGUAGES : undefined);
    const preferred = preferredFor(variant.prior, sample.language);
    return chooseLanguage(sample.text, candidates, { preferred }, variant.prior === 'none' ? null : detector.prior).language;
  });

const pct = (x: number) => (x * 100).toFixed(1);
const microsPerText = (started: bigint, texts: number) => (Number(process.hrtime.bigint() - started) / 1000 / texts).toFixed(0);

function perLanguageTable(title: string, languages: string[], columns: Array<[string, Score]>) {
  console.log(`\n${title}`);
  console.log(`| language | ${columns.map(([name]) => name).join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---:').join('|')}|`);
  for (const language of languages) console.log(`| ${language} | ${columns.map(([, s]) => pct(s.perLanguage.get(language)!)).join(' | ')} |`);
}

async function main() {
  const all = await detectors();
  const combinations = methods();
  if (!cld) console.log('cld is not installed (npm install --no-save cld adds it): CLD2 is left out.');
  for (const [setName, file] of Object.entries(SETS)) {
    const samples = fixture(file);
    const languages = [...new Set(samples.map((s) => s.language))];
    console.log(`\n## ${setName} set (${file}): ${samples.length} texts, ${languages.length} languages\n`);

    console.log(`| detector | ${VARIANTS.map((v) => v.name).join(' | ')} | µs/text |`);
    console.log(`|---|${VARIANTS.map(() => '---:').join('|')}|---:|`);
    const single = new Map<string, Score[]>();
    for (const detector of all) {
      const started = process.hrtime.bigint();
      const row = VARIANTS.map((variant) => evaluate(samples, detector, variant));
      single.set(detector.name, row);
      console.log(
        `| ${detector.name}${detector.note ? ` (${detector.note})` : ''} | ${row.map((r) => pct(r.accuracy)).join(' | ')} | ${microsPerText(started, samples.length * VARIANTS.length)} |`,
      );
    }

    console.log(`\n| combination (restricted, script rules first) | no prior | +prior | +misleading prior | µs/text |`);
    console.log('|---|---:|---:|---:|---:|');
    const combined = new Map<string, Score[]>();
    for (const method of combinations) {
      const started = process.hrtime.bigint();
      const row = PRIORS.map((prior) => score(samples, (s) => method.detect(s.text, preferredFor(prior, s.language))));
      combined.set(method.name, row);
      console.log(`| ${method.name} | ${row.map((r) => pct(r.accuracy)).join(' | ')} | ${microsPerText(started, samples.length * PRIORS.length)} |`);
    }

    const chosen = combined.get(combinations[combinations.length - 1].name)!;
    perLanguageTable(`per language, ${setName} set`, languages, [
      ['franc restricted+prior', single.get('franc')![4]],
      ...(single.has('cld') ? ([['cld restricted+prior', single.get('cld')![4]]] as Array<[string, Score]>) : []),
      ['voting, no prior', chosen[0]],
      ['voting +prior', chosen[1]],
      ['voting +misleading', chosen[2]],
    ]);
  }
}

void main();
