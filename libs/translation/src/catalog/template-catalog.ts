import { DomainError } from '@porchlight/contracts';
import i18next, { i18n } from 'i18next';
import { formatClock, formatDay, ZonedValue } from './format';
import { CATALOG_RESOURCES, CatalogResource } from './locales';
import { TEMPLATES, TemplateDefinition, TemplateVariable } from './templates';

export type TemplateVariables = Record<string, string | number>;

export interface TemplateSummary {
  key: string;
  title: string;
  variables: TemplateVariable[];
  languages: string[];
  /** Per language other than English: whether its text still waits for a native speaker's review. */
  review: Record<string, { status: CatalogResource['status']; reviewer: CatalogResource['review'] }>;
}

export interface TemplateProblem {
  field: string;
  message: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 80;

/** Template variables as a caller sent them: any may be missing or null until `check` says otherwise. */
type UncheckedVariables = Readonly<Record<string, string | number | null | undefined>> | null | undefined;

/**
 * The catalog of common district notices, each written once per language (i18next resources in
 * `locales/`). `render` checks the variables (all named, none unknown, each well formed) and
 * writes dates and times the way the language does, in the district's time zone.
 */
export class TemplateCatalog {
  private readonly i18n: i18n;
  private readonly byKey = new Map<string, TemplateDefinition>();
  private readonly resources = new Map<string, CatalogResource>();

  constructor(templates: readonly TemplateDefinition[] = TEMPLATES, resources: readonly CatalogResource[] = CATALOG_RESOURCES) {
    for (const template of templates) this.byKey.set(template.key, template);
    for (const resource of resources) this.resources.set(resource.language, resource);
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      resources: Object.fromEntries(resources.map((r) => [r.language, { translation: r.templates }])),
      initAsync: false,
      fallbackLng: false,
      keySeparator: false,
      nsSeparator: false,
      returnNull: false,
      interpolation: { escapeValue: false },
    });
    const formatter = this.i18n.services.formatter;
    if (!formatter) throw new Error('i18next started without its formatter');
    // Every render names its language (`lng`), so the formatters always get one.
    formatter.add('day', (value: ZonedValue, lng: string | undefined) => formatDay(value, lng ?? 'en'));
    formatter.add('clock', (value: ZonedValue, lng: string | undefined) => formatClock(value, lng ?? 'en'));
  }

  list(): TemplateSummary[] {
    return [...this.byKey.values()].map((template) => ({
      key: template.key,
      title: template.title,
      variables: template.variables,
      languages: this.languages(template.key),
      review: Object.fromEntries(
        [...this.resources.values()]
          .filter((r) => r.status !== 'source' && template.key in r.templates)
          .map((r) => [r.language, { status: r.status, reviewer: r.review }]),
      ),
    }));
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The languages a template is written in. */
  languages(key: string): string[] {
    return [...this.resources.values()].filter((r) => key in r.templates).map((r) => r.language);
  }

  /** What is wrong with a template key and its variables; empty when they render. */
  check(key: string, variables: UncheckedVariables, language?: string): TemplateProblem[] {
    const template = this.byKey.get(key);
    if (!template) return [{ field: 'template.key', message: `unknown template "${key}" (known: ${[...this.byKey.keys()].join(', ')})` }];
    const problems: TemplateProblem[] = [];
    if (language !== undefined && !this.languages(key).includes(language)) {
      problems.push({ field: 'language', message: `template "${key}" is not written in ${language} (it is in ${this.languages(key).join(', ')})` });
    }
    const expected = new Set(template.variables.map((v) => v.name));
    for (const name of Object.keys(variables ?? {})) {
      if (!expected.has(name))
        problems.push({
          field: `template.variables.${name}`,
          message: `unknown variable "${name}" for template "${key}" (it takes ${[...expected].join(', ')})`,
        });
    }
    for (const variable of template.variables) {
      const value = variables?.[variable.name];
      if (value === undefined || value === null || value === '') {
        problems.push({ field: `template.variables.${variable.name}`, message: `missing variable "${variable.name}": ${variable.description}` });
        continue;
      }
      const problem = checkValue(variable, value);
      if (problem) problems.push({ field: `template.variables.${variable.name}`, message: `${variable.name}: ${problem}` });
    }
    return problems;
  }

  /**
   * The text of a template in a language; throws a DomainError `invalid` (400 at the API) with one
   * detail per problem when the key, the language or a variable is wrong.
   */
  render(key: string, language: string, variables: TemplateVariables, timeZone = 'UTC'): string {
    const problems = this.check(key, variables, language);
    if (problems.length > 0) throw new DomainError('invalid', `invalid template: ${problems.map((p) => p.message).join('; ')}`, problems);
    const template = this.byKey.get(key);
    if (!template) throw new DomainError('invalid', `invalid template: unknown template "${key}"`);
    const values: Record<string, unknown> = {};
    for (const variable of template.variables) values[variable.name] = toValue(variable, variables[variable.name], timeZone);
    const text: string = this.i18n.t(key, { lng: language, ...values, interpolation: { escapeValue: false } });
    if (text.includes('{{')) throw new Error(`template "${key}" in ${language} left a variable unfilled`);
    return text;
  }
}

function checkValue(variable: TemplateVariable, raw: string | number): string | null {
  const value = String(raw).trim();
  switch (variable.kind) {
    case 'text':
      if (typeof raw !== 'string') return 'must be text';
      if (value.length > MAX_TEXT) return `at most ${String(MAX_TEXT)} characters`;
      if (/[{}\n\r]/.test(value)) return 'must be one line without braces';
      return null;
    case 'minutes':
      return /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 600 ? null : 'a whole number of minutes from 1 to 600';
    case 'url':
      return /^https?:\/\/\S+$/.test(value) && value.length <= 200 ? null : 'an http or https link without spaces';
    case 'date': {
      const day = DAY.exec(value);
      if (day) {
        const d = new Date(Date.UTC(+day[1], +day[2] - 1, +day[3]));
        return d.getUTCMonth() === +day[2] - 1 && d.getUTCDate() === +day[3] ? null : 'not a calendar day';
      }
      return INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'a day as YYYY-MM-DD (or an ISO 8601 instant with its offset)';
    }
    case 'time':
      return CLOCK.test(value) || (INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
        ? null
        : 'a time as HH:MM, 24-hour (or an ISO 8601 instant with its offset)';
  }
}

/** Days and clock times as written are read as such; an instant is read in the district's zone. */
function toValue(variable: TemplateVariable, raw: string | number, timeZone: string): unknown {
  const value = String(raw).trim();
  if (variable.kind === 'date') {
    const day = DAY.exec(value);
    return day ? { at: new Date(Date.UTC(+day[1], +day[2] - 1, +day[3], 12)), timeZone: 'UTC' } : { at: new Date(value), timeZone };
  }
  if (variable.kind === 'time') {
    const clock = CLOCK.exec(value);
    return clock ? { at: new Date(Date.UTC(2000, 0, 1, +clock[1], +clock[2])), timeZone: 'UTC' } : { at: new Date(value), timeZone };
  }
  return value;
}

/** The catalog shipped with Porchlight. */
export const templateCatalog = new TemplateCatalog();
