import { DomainError } from '@porchlight/contracts';
import { measureSms } from '@porchlight/sms';
import { PROJECT_LANGUAGES } from '../languages';
import { CATALOG_RESOURCES } from './locales';
import { TemplateCatalog, templateCatalog } from './template-catalog';
import { TEMPLATES } from './templates';

const SAMPLE: Record<string, string | number> = {
  school: 'Lincoln Elementary',
  date: '2026-03-06',
  time: '14:30',
  minutes: 90,
  student: 'Maria Lopez',
  event: 'the spring concert',
  url: 'https://lps.example/meals',
  route: '12',
};
const variablesOf = (key: string) => Object.fromEntries((TEMPLATES.find((t) => t.key === key)?.variables ?? []).map((v) => [v.name, SAMPLE[v.name]]));
const thrown = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
};

describe('TemplateCatalog', () => {
  it('has every template in every project language, and marks every non-English text for review', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(13);
    for (const template of templateCatalog.list()) {
      expect([...template.languages].sort()).toEqual([...PROJECT_LANGUAGES].sort());
      for (const language of PROJECT_LANGUAGES.filter((l) => l !== 'en')) {
        expect(template.review[language]).toEqual({ status: 'machine_drafted', reviewer: 'native speaker' });
      }
    }
    for (const resource of CATALOG_RESOURCES) expect(Object.keys(resource.templates).sort()).toEqual(TEMPLATES.map((t) => t.key).sort());
  });

  it('uses exactly the variables each template declares, in every language', () => {
    for (const resource of CATALOG_RESOURCES) {
      for (const template of TEMPLATES) {
        const used = new Set([...resource.templates[template.key].matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]));
        expect({ language: resource.language, key: template.key, used: [...used].sort() }).toEqual({
          language: resource.language,
          key: template.key,
          used: template.variables.map((v) => v.name).sort(),
        });
      }
    }
  });

  it.each(PROJECT_LANGUAGES)('renders every template in %s with all variables filled and an SMS-sized text', (language) => {
    for (const template of TEMPLATES) {
      const text = templateCatalog.render(template.key, language, variablesOf(template.key), 'America/New_York');
      expect(text).not.toMatch(/\{\{|\}\}|undefined|NaN|Invalid Date/);
      for (const variable of template.variables.filter((v) => ['text', 'url', 'minutes'].includes(v.kind)))
        expect(text).toContain(String(SAMPLE[variable.name]));
      const sms = measureSms(text);
      if (language === 'en') {
        expect({ key: template.key, encoding: sms.encoding, length: text.length <= 160 }).toEqual({ key: template.key, encoding: 'GSM-7', length: true });
      } else {
        // Accents and scripts make most languages UCS-2 (70 a segment): three segments at most.
        expect({ key: template.key, language, segments: sms.segments <= 3 }).toEqual({ key: template.key, language, segments: true });
      }
    }
  });

  it('writes dates and times the way each language does', () => {
    const day = (language: string) => templateCatalog.render('picture_day', language, { school: 'Lincoln', date: '2026-03-06' });
    expect(day('en')).toContain('Friday, March 6');
    expect(day('es')).toContain('viernes, 6 de marzo');
    expect(day('fr')).toContain('vendredi 6 mars');
    expect(day('pt')).toContain('sexta-feira, 6 de março');
    expect(day('ru')).toContain('пятница, 6 марта');
    expect(day('zh-Hans')).toContain('3月6日星期五');
    expect(day('ko')).toContain('3월 6일 금요일');
    expect(day('ht')).toContain('vandredi 6 mas');
    expect(day('tl')).toContain('Biyernes, Marso 6');
    const release = (language: string) => templateCatalog.render('early_release', language, { school: 'Lincoln', date: '2026-03-06', time: '14:30' });
    expect(release('en')).toContain('at 2:30 PM on Friday, March 6');
    expect(release('es')).toContain('a las 14:30 el viernes, 6 de marzo');
    expect(release('fr')).toContain('à 14:30 le vendredi 6 mars');
  });

  it('reads an instant in the district time zone', () => {
    // 03:30 UTC on Saturday is 10:30 PM on Friday in New York.
    const text = templateCatalog.render(
      'school_event',
      'en',
      { school: 'Lincoln', event: 'the concert', date: '2026-03-07T03:30:00Z', time: '2026-03-07T03:30:00Z' },
      'America/New_York',
    );
    expect(text).toContain('on Friday, March 6 at 10:30 PM');
    expect(templateCatalog.render('picture_day', 'en', { school: 'Lincoln', date: '2026-03-07T03:30:00Z' }, 'Asia/Tokyo')).toContain('Saturday, March 7');
  });

  it('refuses an unknown template, an unknown or missing variable, a malformed value and an unwritten language, naming each', () => {
    const unknown = thrown(() => templateCatalog.render('snow_day', 'en', {}));
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown.code).toBe('invalid');
    expect(unknown.message).toContain('unknown template "snow_day"');

    const variables = thrown(() => templateCatalog.render('picture_day', 'es', { school: 'Lincoln', colour: 'blue' }));
    expect(variables.details).toEqual([
      { field: 'template.variables.colour', message: expect.stringContaining('unknown variable "colour"') },
      { field: 'template.variables.date', message: expect.stringContaining('missing variable "date"') },
    ]);

    const malformed = thrown(() => templateCatalog.render('delayed_opening', 'en', { school: 'Lincoln', date: '2026-02-30', minutes: 'ninety' }));
    expect((malformed.details as { field: string }[]).map((d) => d.field)).toEqual(['template.variables.date', 'template.variables.minutes']);
    expect(thrown(() => templateCatalog.render('lockdown', 'en', { school: '{{url}}' })).message).toContain('braces');

    const catalog = new TemplateCatalog(
      TEMPLATES,
      CATALOG_RESOURCES.filter((r) => r.language === 'en'),
    );
    expect(thrown(() => catalog.render('lockdown', 'de', { school: 'Lincoln' })).details).toEqual([
      { field: 'language', message: expect.stringContaining('not written in de') },
    ]);
  });
});
