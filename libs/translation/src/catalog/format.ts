/**
 * Dates and times in the reader's language, with Intl.DateTimeFormat. Haitian Creole has no
 * locale data in ICU, so its weekday and month names are spelt here.
 */
const INTL_LOCALE: Record<string, string> = { tl: 'fil' };
const HT_WEEKDAYS = ['dimanch', 'lendi', 'madi', 'mèkredi', 'jedi', 'vandredi', 'samdi'];
const HT_MONTHS = ['janvye', 'fevriye', 'mas', 'avril', 'me', 'jen', 'jiyè', 'out', 'septanm', 'oktòb', 'novanm', 'desanm'];

/** A moment and the zone it is read in. */
export interface ZonedValue {
  at: Date;
  timeZone: string;
}

const parts = (value: ZonedValue, options: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(new Intl.DateTimeFormat('en-US', { ...options, timeZone: value.timeZone }).formatToParts(value.at).map((p) => [p.type, p.value]));

/** "Friday, March 6", "viernes, 6 de marzo", "3月6日星期五". */
export function formatDay(value: ZonedValue, language: string): string {
  if (language === 'ht') {
    const p = parts(value, { year: 'numeric', month: 'numeric', day: 'numeric' });
    const weekday = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day))).getUTCDay();
    return `${HT_WEEKDAYS[weekday]} ${String(Number(p.day))} ${HT_MONTHS[Number(p.month) - 1]}`;
  }
  return new Intl.DateTimeFormat(INTL_LOCALE[language] ?? language, { weekday: 'long', month: 'long', day: 'numeric', timeZone: value.timeZone }).format(
    value.at,
  );
}

/** "3:05 PM", "15:05", "下午3:05". */
export function formatClock(value: ZonedValue, language: string): string {
  const locale = language === 'ht' ? 'fr' : (INTL_LOCALE[language] ?? language);
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: value.timeZone }).format(value.at);
}
