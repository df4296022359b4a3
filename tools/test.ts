/**
 * `npm test`: prepares the test database, runs every jest project (unit, integration against real
 * Postgres and Redis, end-to-end against the built apps as processes) and ends with one line:
 * `Tests: N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const report = join(ROOT, 'dist', 'jest-report.json');
const extra = process.argv.slice(2);

const run = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--maxWorkers=2', '--json', `--outputFile=${report}`, ...extra],
  { cwd: ROOT, stdio: 'inherit', env: process.env },
);

let passed = 0;
let failed = 0;
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
  if (result.numPendingTests > 0) console.log(`${result.numPendingTests} tests were skipped: a skipped test is a defect`);
  failed += result.numPendingTests ?? 0;
} catch {
  failed += 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
