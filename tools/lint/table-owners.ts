/**
 * Which domain owns which table (docs/architecture.md#which-domain-owns-which-tables), and a check
 * that no domain names another's table in its SQL: another domain's rows are read through the
 * owner's exported functions or SQL it publishes. `libs/records` is the read model that reads every
 * domain (a family's record, exports, retention) and is exempt; so are specs and test support.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Finding } from './ratchet';

export const TABLE_OWNERS: Readonly<Record<string, readonly string[]>> = {
  identity: ['tenants', 'tenant_directory', 'users', 'audit_log'],
  contacts: [
    'schools',
    'students',
    'academic_sessions',
    'courses',
    'sections',
    'enrollments',
    'contacts',
    'contact_students',
    'imports',
    'import_files',
    'import_file_chunks',
  ],
  translation: ['notice_translations', 'glossary_terms', 'translation_memory', 'translation_cache'],
  messaging: ['notices', 'messages', 'conversations', 'phones', 'consent_events', 'phone_prefix_time_zones'],
  engagement: ['surveys', 'survey_texts', 'survey_recipients', 'survey_answers', 'survey_latest_answers', 'decisions', 'decision_inputs'],
  records: ['exports', 'export_chunks'],
};

/** Domains exempt from the rule: they read every domain by design. */
const READ_MODELS = new Set(['records']);

const OWNER_OF = new Map(Object.entries(TABLE_OWNERS).flatMap(([domain, tables]) => tables.map((table) => [table, domain] as const)));

/** A table named where SQL names one: after from, join, update, into, table, references. */
const TABLE_IN_SQL = /\b(?:from|join|update|into|table|references)\s+(?:only\s+)?"?([a-z_]+)"?/gi;

const isSpec = (file: string) => /\.(spec|int-spec|e2e-spec|chaos-spec)\.ts$/.test(file) || file.includes(`${sep}testing${sep}`);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') && !isSpec(path) ? [path] : [];
  });
}

/** The tables each domain lib names that another domain owns, one finding per file and table. */
export function tableOwnershipFindings(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const domain of Object.keys(TABLE_OWNERS)) {
    if (READ_MODELS.has(domain)) continue;
    for (const file of files(join(root, 'libs', domain, 'src'))) {
      const named = new Set<string>();
      for (const match of readFileSync(file, 'utf8').matchAll(TABLE_IN_SQL)) {
        const table = match[1].toLowerCase();
        const owner = OWNER_OF.get(table);
        if (owner !== undefined && owner !== domain) named.add(table);
      }
      const path = relative(root, file).split(sep).join('/');
      for (const table of named) findings.push({ rule: `tables/names-another-domains-table`, file: path });
    }
  }
  return findings;
}
