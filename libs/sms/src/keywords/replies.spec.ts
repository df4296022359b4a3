import { measureSms } from '../segments/measure-sms';
import { KEYWORD_LANGUAGES } from './keyword-table';
import { complianceReply, ComplianceReplyDistrict, ComplianceReplyKind, replyLanguage } from './replies';

const KINDS: ComplianceReplyKind[] = ['opt_out', 'opt_in', 'help'];
const springfield = { name: 'Springfield Public Schools', contact: '(617) 555-0100' };
const longDistrict = {
  name: 'Springfield Public Schools District 186',
  contact: 'help@sps186.org',
  helpText: 'Questions? Call the front office.',
};

describe('complianceReply', () => {
  describe.each(KEYWORD_LANGUAGES.map((language) => [language]))('%s', (language) => {
    it.each(KINDS)('%s names the district, fits two segments and keeps the keywords in Latin letters', (kind) => {
      const districts: ComplianceReplyDistrict[] = [springfield, longDistrict, { name: 'Lincoln USD' }];
      for (const district of districts) {
        const text = complianceReply(kind, language, district);
        expect(text).toContain(district.name);
        expect(measureSms(text).segments).toBeLessThanOrEqual(2);
        expect(text).not.toMatch(/\.\s*\.|。\s*。|\{|\}|undefined|null/);
        if (kind === 'opt_out') expect(text).toContain('START');
        if (kind === 'opt_in') expect(text).toMatch(/HELP[\s\S]*STOP/);
        if (kind === 'help') expect(text).toContain('STOP');
        if (kind === 'help' && district.contact) expect(text).toContain(district.contact);
      }
    });

    it('is written in its own language, not English', () => {
      if (language === 'en') return;
      for (const kind of KINDS) {
        expect(complianceReply(kind, language, springfield)).not.toEqual(complianceReply(kind, 'en', springfield));
      }
    });
  });

  it('says it all in English, in one segment where it can', () => {
    expect(complianceReply('opt_out', 'en', springfield)).toBe(
      'Springfield Public Schools: You are unsubscribed and will get no more messages. Reply START to resubscribe.',
    );
    expect(complianceReply('opt_in', 'en', springfield)).toBe(
      'Springfield Public Schools: You are subscribed to school messages again. Msg frequency varies. ' +
        'Msg & data rates may apply. Reply HELP for help, STOP to end.',
    );
    expect(complianceReply('help', 'en', springfield)).toBe(
      'Springfield Public Schools school messages. (617) 555-0100. Msg frequency varies. ' + 'Msg & data rates may apply. Reply STOP to end.',
    );
    for (const kind of KINDS) expect(measureSms(complianceReply(kind, 'en', springfield)).segments).toBe(1);
  });

  it('states message frequency and "Msg & data rates may apply" in HELP and opt-in replies', () => {
    const phrases: Partial<Record<string, [RegExp, RegExp]>> = {
      en: [/Msg frequency varies/, /Msg & data rates may apply/],
      es: [/Frecuencia/, /tarifas de mensajes y datos/],
      fr: [/Fréquence variable/, /frais de messagerie et de données/],
      'zh-Hans': [/短信频率不定/, /短信和数据费用/],
      vi: [/(Tần suất|Số) tin/, /phí tin nhắn/],
    };
    for (const [language, [frequency, rates]] of Object.entries(phrases) as [string, [RegExp, RegExp]][]) {
      for (const kind of ['opt_in', 'help'] as const) {
        const text = complianceReply(kind, language, springfield);
        expect(text).toMatch(frequency);
        expect(text).toMatch(rates);
      }
    }
  });

  it('keeps Spanish and French within GSM-7', () => {
    for (const language of ['es', 'fr', 'so', 'ht', 'tl']) {
      for (const kind of KINDS) expect(measureSms(complianceReply(kind, language, springfield)).encoding).toBe('GSM-7');
    }
  });

  it('adds the help text verbatim before the contact, and does not repeat a contact it contains', () => {
    expect(complianceReply('help', 'en', { name: 'Lincoln USD', helpText: 'Call 555-0100', contact: '555-0100' })).toBe(
      'Lincoln USD school messages. Call 555-0100. Msg frequency varies. Msg & data rates may apply. Reply STOP to end.',
    );
    expect(complianceReply('help', 'zh-Hans', { name: 'Lincoln USD', helpText: 'Questions?', contact: 'a@b.org' })).toBe(
      'Lincoln USD学校短信。Questions? a@b.org。短信频率不定。可能产生短信和数据费用。回复STOP退订。',
    );
  });

  it('drops the help text before the contact when two segments cannot hold both', () => {
    const text = complianceReply('help', 'ru', { ...longDistrict, helpText: 'Вопросы? Позвоните в школу.' });
    expect(text).toContain('help@sps186.org');
    expect(text).not.toContain('Вопросы');
    expect(measureSms(text).segments).toBeLessThanOrEqual(2);
  });

  it('turns curly quotes in a district name into GSM-7 ones', () => {
    const text = complianceReply('opt_out', 'en', { name: 'St. Mary’s Schools' });
    expect(text.startsWith("St. Mary's Schools:")).toBe(true);
    expect(measureSms(text).encoding).toBe('GSM-7');
  });

  it.each([
    ['es-MX', 'es'],
    ['pt-BR', 'pt'],
    ['fr-CA', 'fr'],
    ['zh-TW', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['fil', 'tl'],
    ['ko-KR', 'ko'],
    ['de', 'en'],
    ['hmn', 'en'],
    ['not a language', 'en'],
    ['', 'en'],
  ])('answers %j in %s', (language, expected) => {
    expect(replyLanguage(language)).toBe(expected);
    expect(complianceReply('help', language, springfield)).toBe(complianceReply('help', expected, springfield));
  });
});
