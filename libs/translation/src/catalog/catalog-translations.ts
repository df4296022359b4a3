import { Logger } from '@nestjs/common';
import { TemplateCatalog, templateCatalog, TemplateVariables } from './template-catalog';

export interface NoticeTemplate {
  key: string;
  variables: TemplateVariables;
}

const logger = new Logger('TemplateCatalog');

/**
 * The catalog's text of a template notice in each of these languages the catalog is written in,
 * dates and times in the district's time zone. A language the catalog lacks is left out (for the
 * memory and the engines to fill).
 */
export function catalogTranslations(
  template: NoticeTemplate | null | undefined,
  languages: string[],
  timeZone: string,
  catalog: TemplateCatalog = templateCatalog,
): Map<string, string> {
  const found = new Map<string, string>();
  if (!template || !catalog.has(template.key)) return found;
  const written = new Set(catalog.languages(template.key));
  for (const language of languages.filter((l) => written.has(l))) {
    try {
      found.set(language, catalog.render(template.key, language, template.variables, timeZone));
    } catch (error) {
      // Checked when the notice was written; a catalog changed since then leaves the language to the engines.
      logger.warn({ msg: 'catalog template no longer renders', key: template.key, language, reason: (error as Error).message });
    }
  }
  return found;
}
