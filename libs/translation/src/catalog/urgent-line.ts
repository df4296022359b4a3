import { CATALOG_RESOURCES } from './locales';

const LINES = new Map(CATALOG_RESOURCES.map((resource) => [resource.language, resource.lines.urgent_from]));

/**
 * The catalog's "Urgent message from <district>:" in `language` — the language itself, else its
 * base language (`pt-BR` → `pt`), else English — and the language the line is in.
 */
export function urgentLine(language: string, district: string): { text: string; language: string } {
  const found = [language, language.split('-')[0], 'en'].find((candidate) => LINES.has(candidate))!;
  return { text: LINES.get(found)!.replace('{{district}}', district), language: found };
}

/** An emergency nobody could translate into `language`: the catalog line in that language, then the source text as written. */
export function untranslatedEmergency(language: string, district: string, sourceText: string): string {
  return `${urgentLine(language, district).text}\n${sourceText}`;
}
