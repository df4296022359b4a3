import { measureSms, SmsEncoding } from './measure-sms';

/**
 * Look-alike characters that force UCS-2 for no good reason (mostly what word processors and
 * phone keyboards put in), with their GSM-7 stand-ins. Modelled on Twilio's "smart encoding"
 * list; letters with accents are deliberately absent: replacing them changes the words.
 */
const GSM_LOOKALIKES: Readonly<Record<string, string>> = {
  // quotation marks and apostrophes
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u2035': "'",
  '\u02BC': "'",
  '\u02B9': "'",
  '\u02BB': "'",
  '\u00B4': "'",
  '\u0060': "'",
  '\uFF07': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u2036': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2039': '<',
  '\u203A': '>',
  '\uFF02': '"',
  // dashes and minus signs
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2043': '-',
  '\uFE63': '-',
  '\uFF0D': '-',
  // dots, bullets, ellipsis
  '\u2026': '...',
  '\u2022': '-',
  '\u2023': '-',
  '\u2027': '-',
  '\u00B7': '-',
  '\u2219': '-',
  '\u25E6': '-',
  // spaces and invisible characters
  '\u00A0': ' ',
  '\u2000': ' ',
  '\u2001': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\u205F': ' ',
  '\u3000': ' ',
  '\u2028': '\n',
  '\u2029': '\n',
  '\t': ' ',
  '\u200B': '',
  '\u200C': '',
  '\u200D': '',
  '\u2060': '',
  '\uFEFF': '',
  '\u00AD': '',
  // other punctuation
  '\u00F7': '/',
  '\u2044': '/',
  '\u2215': '/',
  '\u00BC': '1/4',
  '\u00BD': '1/2',
  '\u00BE': '3/4',
  '\u203C': '!!',
  '\u2047': '??',
  '\u2048': '?!',
  '\u2049': '!?',
  '\u02C6': '^',
  '\u02DC': '~',
  '\u2122': 'TM',
  '\u00A9': '(C)',
  '\u00AE': '(R)',
  '\uFF01': '!',
  '\uFF0C': ',',
  '\uFF0E': '.',
  '\uFF1A': ':',
  '\uFF1B': ';',
  '\uFF1F': '?',
  '\uFF08': '(',
  '\uFF09': ')',
};

export interface SmartEncodingResult {
  text: string;
  /** True when look-alikes were replaced, which happens only when that makes the text GSM-7. */
  replaced: boolean;
  encodingBefore: SmsEncoding;
  encodingAfter: SmsEncoding;
}

/**
 * Twilio's "smart encoding", done before sending so the preview, the segment count and the bill
 * agree: swaps curly quotes, dashes, ellipses, odd spaces and the like for GSM-7 equivalents,
 * but only when the whole text then fits GSM-7. A Vietnamese or Chinese text stays UCS-2 anyway,
 * so it is returned untouched rather than needlessly altered.
 */
export function smartenToGsm(text: string): SmartEncodingResult {
  const encodingBefore = measureSms(text).encoding;
  if (encodingBefore === 'GSM-7') {
    return { text, replaced: false, encodingBefore, encodingAfter: encodingBefore };
  }
  const smartened = Array.from(text, (char) => GSM_LOOKALIKES[char] ?? char).join('');
  const encodingAfter = measureSms(smartened).encoding;
  if (encodingAfter !== 'GSM-7') {
    return { text, replaced: false, encodingBefore, encodingAfter: encodingBefore };
  }
  return { text: smartened, replaced: true, encodingBefore, encodingAfter };
}
