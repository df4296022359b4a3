/** Reads each check's machine output into findings (rule, file) for the ratchet. */
import { relative, sep } from 'node:path';
import { Finding } from './ratchet';

export interface EslintResult {
  filePath: string;
  messages: { ruleId: string | null; fatal?: boolean; message: string }[];
}

export interface CruiseResult {
  summary: { violations: { from: string; to: string; rule: { name: string } }[] };
}

const toPosix = (path: string) => path.split(sep).join('/');

export function eslintFindings(root: string, results: EslintResult[]): Finding[] {
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      rule: message.ruleId ?? (message.fatal ? 'eslint/parse-error' : 'eslint/unused-disable-directive'),
      file: toPosix(relative(root, result.filePath)),
    })),
  );
}

export function cruiseFindings(result: CruiseResult): Finding[] {
  return result.summary.violations.map((violation) => ({ rule: `dependencies/${violation.rule.name}`, file: violation.from }));
}

/** `prettier --list-different` prints one path per file that is not formatted. */
export function prettierFindings(listed: string): Finding[] {
  return listed
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((file) => ({ rule: 'prettier/format', file: toPosix(file) }));
}
