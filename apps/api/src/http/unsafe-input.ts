/** One problem with a request's input, in the API's `details` shape. */
export interface InputProblem {
  field: string;
  message: string;
}

/** Deeper than any body the API takes; checked without recursion, before anything recursive reads it. */
export const MAX_INPUT_DEPTH = 32;
const MAX_PROBLEMS = 20;

// NUL, which Postgres refuses in text, and UTF-16 halves without their other half.
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Keys that mean something to JavaScript objects rather than to the API.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds half of a surrogate pair)';
  return undefined;
}

/** A key as it can be shown in a field path, whatever it holds. */
const shown = (key: string) => (textProblem(key) ? JSON.stringify(key).slice(1, -1) : key);

/**
 * Every string of a JSON body, query or route parameters (nested objects and arrays included,
 * and their keys) that the API refuses, named by its path (`audience.schoolIds.0`): NUL, lone
 * surrogates, keys such as `__proto__`, and nesting deeper than `MAX_INPUT_DEPTH`.
 */
export function findUnsafeInput(value: unknown, root = ''): InputProblem[] {
  const problems: InputProblem[] = [];
  const stack: { value: unknown; path: string; depth: number; key?: string }[] = [{ value, path: root, depth: 0 }];
  for (let item = stack.pop(); item !== undefined && problems.length < MAX_PROBLEMS; item = stack.pop()) {
    const field = item.path || 'body';
    const keyProblem =
      item.key === undefined ? undefined : (textProblem(item.key) ?? (PROTOTYPE_KEYS.has(item.key) ? 'is not a field name the API accepts' : undefined));
    if (keyProblem) {
      problems.push({ field, message: `the key of ${field} ${keyProblem}` });
      continue;
    }
    if (typeof item.value === 'string') {
      const message = textProblem(item.value);
      if (message) problems.push({ field, message: `${field} ${message}` });
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_INPUT_DEPTH) {
      problems.push({ field, message: `${field} is nested more than ${String(MAX_INPUT_DEPTH)} levels deep` });
      continue;
    }
    const isArray = Array.isArray(item.value);
    const keys = Object.keys(item.value);
    // Pushed in reverse so that problems come out in document order.
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      stack.push({
        value: (item.value as Record<string, unknown>)[key],
        path: item.path ? `${item.path}.${shown(key)}` : shown(key),
        depth: item.depth + 1,
        ...(isArray ? {} : { key }),
      });
    }
  }
  return problems;
}
