import { CATALOG_RESOURCES } from './locales';

const LINES = new Map(CATALOG_RESOURCES.map((resource) => [resource.language, resource.lines.urgent_from]));

/**
 * The catalog's "Urgent message from <district>:" in `language` — the language itself, else its
 * base language (`pt-BR` → `pt`), else English — and the language the line is in.
 */
export function urgentLine(language: string, district: string): { text: string; language: string } {
  for (const candidate of [language, language.split('-')[0], 'en']) {
    const line = LINES.get(candidate);
    if (line !== undefined) return { text: line.replace('{{district}}', district), language: candidate };
  }
  throw new Error('the catalog has no English "urgent_from" line');
}

/** An emergency nobody could translate into `language`: the catalog line in that language, then the source text as written. */
export function untranslatedEmergency(language: string, district: string, sourceText: string): string {
  return `${urgentLine(language, district).text}\n${sourceText}`;
}
