/**
 * What never reaches a log line: families' phone numbers and message texts, and credentials.
 * Values are dropped by the name of their field, at any depth, whatever its case or spelling
 * (`authToken`, `auth_token`, `Auth-Token`), and phone numbers, bearer tokens, JWTs, keys in URL
 * queries and passwords in URLs are masked wherever they appear in a string (messages, error
 * messages, stacks).
 */
export const REDACTED = '[redacted]';

/** Field names (lower case, without `_` and `-`) whose values are never logged. */
const EXACT_KEYS = new Set(['to', 'from', 'text', 'texts', 'q', 'cookie', 'setcookie', 'credentials', 'privatekey', 'xgoogapikey', 'ocpapimsubscriptionkey']);
/** …nor those of any field whose name ends like one of these (`guardianPhone`, `translatedBody`, `accessToken`). */
const KEY_SUFFIXES = ['phone', 'phones', 'phonenumber', 'body', 'password', 'passwordhash', 'token', 'authtoken', 'secret', 'apikey', 'authorization'];

const normaliseKey = (key: string) => key.toLowerCase().replace(/[-_\s]/g, '');

export function isRedactedKey(key: string): boolean {
  const k = normaliseKey(key);
  return EXACT_KEYS.has(k) || KEY_SUFFIXES.some((suffix) => k.endsWith(suffix));
}

const PATTERNS: Array<[RegExp, string]> = [
  // A password in a URL: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, `$1${REDACTED}@`],
  // Keys and tokens in a query string or a form body.
  [/([?&;](?:key|api_key|apikey|api-key|token|access_token|auth|auth_token|password|signature|sig|secret)=)[^&\s"'#]+/gi, `$1${REDACTED}`],
  // Authorization header values.
  [/\b(Bearer|Basic|DeepL-Auth-Key)\s+[A-Za-z0-9._~+/:=-]+/g, `$1 ${REDACTED}`],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // E.164-looking phone numbers, with or without separators, and URL-encoded ("%2B1617…").
  [/(?:\+|%2B)[1-9](?:[\s().-]{0,2}\d){6,14}/gi, '[phone]'],
];

export function redactString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 8;

/** A copy of `value` fit for a log line (plain data: objects, arrays, strings, numbers, booleans, null). */
export function redact(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return '[binary]';
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Error) {
      return { name: value.name, message: redactString(value.message), ...(value.stack ? { stack: redactString(value.stack) } : {}) };
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      out[key] = isRedactedKey(key) ? (field === null || field === undefined ? field : REDACTED) : walk(field, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
