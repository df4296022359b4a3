/**
 * The lint ratchet: the problems the checks find today are written down per rule and per file in
 * lint-ratchet.json, and a count there may only go down. A run fails on any (rule, file) whose
 * count rose or that the file does not list, so old code passes while no new problem gets in.
 */

/** rule → file (relative to the repository, `/`-separated) → how many problems. */
export type Counts = Record<string, Record<string, number>>;

export interface Finding {
  rule: string;
  file: string;
}

export interface Difference {
  rule: string;
  file: string;
  allowed: number;
  found: number;
}

export interface Comparison {
  /** More problems than the ratchet allows: the run fails. */
  over: Difference[];
  /** Fewer problems than the ratchet allows: `npm run lint -- --update` writes the lower count. */
  under: Difference[];
}

/** The counts of a list of findings, in a stable order, with no empty entries. */
export function tally(findings: Finding[]): Counts {
  const counts: Counts = {};
  for (const { rule, file } of findings) {
    const files = (counts[rule] ??= {});
    files[file] = (files[file] ?? 0) + 1;
  }
  return normalise(counts);
}

/** Rules and files sorted, zero counts dropped, so the file's diff shows only what changed. */
export function normalise(counts: Counts): Counts {
  const out: Counts = {};
  for (const rule of Object.keys(counts).sort()) {
    const files: Record<string, number> = {};
    for (const file of Object.keys(counts[rule]).sort()) {
      const count = counts[rule][file];
      if (count > 0) files[file] = count;
    }
    if (Object.keys(files).length > 0) out[rule] = files;
  }
  return out;
}

export function compare(allowed: Counts, found: Counts): Comparison {
  const over: Difference[] = [];
  const under: Difference[] = [];
  const rules = new Set([...Object.keys(allowed), ...Object.keys(found)]);
  for (const rule of [...rules].sort()) {
    const files = new Set([...Object.keys(allowed[rule] ?? {}), ...Object.keys(found[rule] ?? {})]);
    for (const file of [...files].sort()) {
      const a = allowed[rule]?.[file] ?? 0;
      const f = found[rule]?.[file] ?? 0;
      if (f > a) over.push({ rule, file, allowed: a, found: f });
      else if (f < a) under.push({ rule, file, allowed: a, found: f });
    }
  }
  return { over, under };
}

/**
 * The ratchet with every count lowered to what was found; a count is never raised, so a rise
 * stays a failure however often this runs.
 */
export function tighten(allowed: Counts, found: Counts): Counts {
  const out: Counts = {};
  for (const rule of Object.keys(allowed)) {
    for (const file of Object.keys(allowed[rule])) {
      const count = Math.min(allowed[rule][file], found[rule]?.[file] ?? 0);
      (out[rule] ??= {})[file] = count;
    }
  }
  return normalise(out);
}

/** One line per difference, grouped by rule, for the terminal. */
export function describe(differences: Difference[]): string[] {
  return differences.map(({ rule, file, allowed, found }) => `  ${rule}  ${file}: ${found} (allowed ${allowed})`);
}
