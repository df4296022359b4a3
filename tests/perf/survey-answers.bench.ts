/**
 * How well, and at what cost, survey answers typed by families are read
 * (libs/engagement/src/answers), on the labelled set (tests/fixtures/survey-answers/labelled.json,
 * which the reader was tuned on) and the holdout (holdout.json, never used to tune it): accuracy
 * overall, per language and per kind of question, the confusion of wrong readings, and the parse
 * cost per answer against a digit-only reader in the same process.
 *
 *   npm run bench:survey-answers
 *
 * Wrong replies are listed for the labelled set only; for the holdout only their confusion is
 * printed, so that reading them does not turn it into a second tuning set.
 */
import { AnswerQuestion, createAnswerParser, ParsedAnswer } from '@porchlight/engagement';
import {
  LabelledAnswer,
  loadLabelledSet,
  loadOtherMessages,
  loadQuestions,
  QuestionFixture,
  questionFor,
  Score,
  score,
} from '../fixtures/survey-answers/labelled-set';

const questions = loadQuestions();
const sets = { labelled: loadLabelledSet('labelled'), holdout: loadLabelledSet('holdout') };
const context = (sample: LabelledAnswer) => ({ languages: sample.languages });
const question = (sample: LabelledAnswer) => questionFor(questions[sample.question], sample.languages);

/** The parser a worker holds for the question: built once, used for every reply to it. */
const built = new Map<string, ReturnType<typeof createAnswerParser>>();
function parserFor(sample: LabelledAnswer) {
  const key = `${sample.question}|${sample.languages.join(',')}`;
  let parser = built.get(key);
  if (!parser) built.set(key, (parser = createAnswerParser(question(sample), context(sample))));
  return parser;
}

interface Reader {
  name: string;
  read(sample: LabelledAnswer): ParsedAnswer;
}

const READERS: Reader[] = [
  { name: 'answer reader', read: (sample) => parserFor(sample).parse(sample.reply) },
  { name: 'answer reader, built per reply', read: (sample) => createAnswerParser(question(sample), context(sample)).parse(sample.reply) },
  { name: 'digits only (baseline)', read: (sample) => digitsOnly(question(sample), sample.reply) },
];

/** The trivial reader: a reply that is one number, nothing else; a text question keeps its text. */
function digitsOnly(q: AnswerQuestion, text: string): ParsedAnswer {
  if (q.kind === 'text') return text.trim() ? { kind: 'text', text } : { kind: 'unrecognised', text, reason: 'empty' };
  const match = /^\s*#?(\d+)[.)!]?\s*$/.exec(text);
  const value = match ? Number(match[1]) : undefined;
  const base = { kind: 'answer' as const, text, confidence: 1, matchedBy: 'number' as const };
  if (value !== undefined && q.kind === 'choice' && q.options.some((option) => option.key === String(value))) return { ...base, optionKey: String(value) };
  if (value !== undefined && q.kind === 'scale' && value >= q.min && value <= q.max) return { ...base, value };
  return { kind: 'unrecognised', text, reason: 'no_match' };
}

const pct = (right: number, total: number) => (total ? ((100 * right) / total).toFixed(1) : '–');
const cell = (entry?: { right: number; total: number }) => (entry ? `${pct(entry.right, entry.total)} (${entry.right}/${entry.total})` : '–');

function table(title: string, keys: string[], columns: Array<[string, Map<string, { right: number; total: number }>]>) {
  console.log(`\n${title}`);
  console.log(`| | ${columns.map(([name]) => name).join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---:').join('|')}|`);
  for (const key of keys) console.log(`| ${key} | ${columns.map(([, map]) => cell(map.get(key))).join(' | ')} |`);
}

function confusion(name: string, result: Score) {
  const rows = [...result.confusion].sort((a, b) => b[1] - a[1]);
  console.log(`\nwrong readings, ${name}: ${result.total - result.right}`);
  for (const [pair, count] of rows) console.log(`  ${count} × ${pair}`);
}

interface Cost {
  wall: { p50: number; p99: number };
  cpu: { p50: number; p99: number };
}

/**
 * µs per parse over enough rounds of the whole set to time ~20,000 parses: wall time, and the
 * process's CPU time (user + system), which leaves out the time the process waited for a core
 * on a shared machine.
 */
function cost(reader: Reader, samples: readonly LabelledAnswer[]): Cost {
  for (const sample of samples) reader.read(sample);
  const wall: number[] = [];
  const cpu: number[] = [];
  const rounds = Math.ceil(20_000 / samples.length);
  for (let round = 0; round < rounds; round += 1) {
    for (const sample of samples) {
      const cpuStarted = process.cpuUsage();
      const started = process.hrtime.bigint();
      reader.read(sample);
      wall.push(Number(process.hrtime.bigint() - started) / 1000);
      const used = process.cpuUsage(cpuStarted);
      cpu.push(used.user + used.system);
    }
  }
  return { wall: percentiles(wall), cpu: percentiles(cpu) };
}

function percentiles(times: number[]): { p50: number; p99: number } {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

/** General messages (not answers) read as answers, per question, in a district speaking all 13 languages. */
function otherMessages() {
  const messages = loadOtherMessages();
  const languages = [...new Set(sets.labelled.flatMap((sample) => sample.languages))];
  console.log(`\n${messages.length} messages that answer no survey, read as answers:`);
  for (const [id, fixture] of Object.entries(questions)) {
    if (fixture.kind === 'text') continue;
    const parser = createAnswerParser(questionFor(fixture, languages), { languages });
    const answered = messages.filter((text) => parser.parse(text).kind === 'answer').length;
    console.log(`  ${id} (${fixture.kind}): ${answered} (${pct(answered, messages.length)}%)`);
  }
}

function main() {
  const started = process.hrtime.bigint();
  createAnswerParser({ kind: 'yesno' }, { languages: [...new Set(sets.labelled.flatMap((sample) => sample.languages))] });
  const firstBuild = Number(process.hrtime.bigint() - started) / 1e6;
  const all = [...sets.labelled, ...sets.holdout];
  const languages = [...new Set(all.map((sample) => sample.language))];
  const kinds = [...new Set(Object.values(questions).map((q: QuestionFixture) => q.kind))];
  console.log(
    `${sets.labelled.length} labelled replies + ${sets.holdout.length} held out, ${languages.length} languages, ${Object.keys(questions).length} questions`,
  );
  console.log(`the 13 languages' words indexed once per process: ${firstBuild.toFixed(0)} ms`);

  const results = READERS.map((reader) => ({
    reader,
    labelled: score(sets.labelled, questions, reader.read),
    holdout: score(sets.holdout, questions, reader.read),
  }));
  console.log('\n| reader | labelled | holdout | wall p50 µs | wall p99 µs | CPU p50 µs | CPU p99 µs |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const { reader, labelled, holdout } of results) {
    const { wall, cpu } = cost(reader, all);
    const figures = [wall.p50, wall.p99, cpu.p50, cpu.p99].map((x) => x.toFixed(1)).join(' | ');
    console.log(`| ${reader.name} | ${cell(labelled)} | ${cell(holdout)} | ${figures} |`);
  }

  const [main, , baseline] = results;
  table('per language', languages, [
    ['labelled', main.labelled.perLanguage],
    ['holdout', main.holdout.perLanguage],
    ['baseline, labelled', baseline.labelled.perLanguage],
  ]);
  table('per kind of question', kinds, [
    ['labelled', main.labelled.perKind],
    ['holdout', main.holdout.perKind],
    ['baseline, labelled', baseline.labelled.perKind],
  ]);
  confusion('labelled', main.labelled);
  for (const { sample, got } of main.labelled.wrong) {
    console.log(`    ${JSON.stringify(sample.reply)} (${sample.language}, ${sample.question}) → ${got}`);
  }
  confusion('holdout', main.holdout);
  otherMessages();
}

main();
