/**
 * CSV as RFC 4180 writes it: fields separated by commas, lines ended by CRLF, a field quoted (and
 * its quotes doubled) when it holds a comma, a quote or a line break. Values are written exactly as
 * stored: times in ISO 8601 UTC, arrays as their items separated by spaces, JSON as JSON.
 */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvField(value: unknown): string {
  const text = asText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(asText).join(' ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Starts each file, so spreadsheet programs read it as UTF-8 (families write in every script). */
export const UTF8_BOM = '\uFEFF';
