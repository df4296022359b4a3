/**
 * `npm run lint`: ESLint (eslint.config.mjs), Prettier (.prettierrc.json) and the dependency rules
 * (.dependency-cruiser.cjs), run side by side, and the table-ownership rule (table-owners.ts); what they find is held against lint-ratchet.json.
 * Fails on any problem the ratchet does not allow. `-- --update` lowers the ratchet to what was
 * found (never raises it); `-- --accept` writes what was found, rises included, for an exception
 * taken on deliberately (the ratchet's diff shows it in review).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cruiseFindings, CruiseResult, EslintResult, eslintFindings, prettierFindings } from './findings';
import { tableOwnershipFindings } from './table-owners';
import { compare, Counts, describe, Finding, normalise, tally, tighten } from './ratchet';

const ROOT = resolve(__dirname, '..', '..');
const RATCHET = join(ROOT, 'lint-ratchet.json');
const CACHE = join(ROOT, 'node_modules', '.cache');
const bin = (path: string) => join(ROOT, 'node_modules', path);

interface Ran {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(name: string, args: string[]): Promise<Ran> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ name, code: code ?? 1, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
  });
}

function readJson<T>(ran: Ran, file: string): T {
  if (!existsSync(file)) throw new Error(`${ran.name} ended (${ran.code}) without a report:\n${ran.stderr}${ran.stdout}`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

async function check(): Promise<Finding[]> {
  const out = mkdtempSync(join(tmpdir(), 'porchlight-lint-'));
  try {
    const eslintReport = join(out, 'eslint.json');
    const cruiseReport = join(out, 'cruise.json');
    const [eslint, prettier, cruise] = await Promise.all([
      // No ESLint cache: a type-aware rule's verdict on a file can change when another file does,
      // which a per-file cache would not see.
      run('eslint', [bin('eslint/bin/eslint.js'), '--format', 'json', '--output-file', eslintReport, '.']),
      run('prettier', [
        bin('prettier/bin/prettier.cjs'),
        '--list-different',
        '--cache',
        '--cache-location',
        join(CACHE, 'prettier/cache.json'),
        '**/*.ts',
        '*.mjs',
        '*.cjs',
      ]),
      run('dependency-cruiser', [
        bin('dependency-cruiser/bin/dependency-cruise.mjs'),
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
        '--output-to',
        cruiseReport,
        'apps',
        'libs',
        'tools',
        'tests',
        'infra',
      ]),
    ]);
    for (const ran of [eslint, prettier, cruise]) console.log(`== ${ran.name}: ${ran.seconds.toFixed(1)} s`);
    if (eslint.code > 1) throw new Error(`eslint could not run:\n${eslint.stderr}${eslint.stdout}`);
    if (prettier.code > 1) throw new Error(`prettier could not run:\n${prettier.stderr}`);
    return [
      ...eslintFindings(ROOT, readJson<EslintResult[]>(eslint, eslintReport)),
      ...prettierFindings(prettier.stdout),
      ...cruiseFindings(readJson<CruiseResult>(cruise, cruiseReport)),
      ...tableOwnershipFindings(ROOT),
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function save(counts: Counts): void {
  writeFileSync(RATCHET, `${JSON.stringify(normalise(counts), null, 2)}\n`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const found = tally(await check());
  const allowed: Counts = existsSync(RATCHET) ? (JSON.parse(readFileSync(RATCHET, 'utf8')) as Counts) : {};
  const { over, under } = compare(allowed, found);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (process.argv.includes('--accept')) {
    save(found);
    console.log(`lint-ratchet.json now holds what was found (${over.length} rises, ${under.length} falls), ${seconds} s`);
    return 0;
  }
  if (over.length > 0) {
    console.log(
      `Problems the ratchet (lint-ratchet.json) does not allow: fix them (npx eslint <file>, npm run format -- <file>, npx depcruise --config .dependency-cruiser.cjs apps libs):`,
    );
    for (const line of describe(over)) console.log(line);
    console.log(`lint: ${over.length} failed, ${seconds} s`);
    return 1;
  }
  if (process.argv.includes('--update')) {
    save(tighten(allowed, found));
    console.log(`lint-ratchet.json lowered (${under.length} entries), ${seconds} s`);
    return 0;
  }
  if (under.length > 0) console.log(`${under.length} ratchet entries can come down: npm run lint -- --update`);
  console.log(`lint: clean against the ratchet, ${seconds} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
