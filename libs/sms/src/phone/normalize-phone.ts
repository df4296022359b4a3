import {
  CountryCode,
  getCountryCallingCode,
  ParseError,
  parsePhoneNumberWithError,
  PhoneNumber,
  PhoneNumberType,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';

/** The regions each calling code serves; a code the metadata does not know has none. */
const REGIONS_BY_CALLING_CODE: Readonly<Partial<Record<string, readonly CountryCode[]>>> = metadata.country_calling_codes;

export type { CountryCode } from 'libphonenumber-js/max';

export type PhoneRejection = 'not_a_number' | 'unknown_country_code' | 'too_short' | 'too_long' | 'invalid' | 'has_extension' | 'cannot_receive_sms';

export type NormalizedPhone =
  | { ok: true; e164: string; type?: PhoneNumberType; country?: CountryCode }
  /** `reason` is written for people and fits a 400 response: "too short", "invalid for region US". */
  | { ok: false; code: PhoneRejection; reason: string };

/**
 * Number types refused because they cannot receive a text message, or because a family's
 * phone is never one of them (a toll-free number can be SMS-enabled, but as a parent's phone it
 * is a typing mistake or the school's own line). VOIP (Google Voice, TextNow: common among
 * families) and PERSONAL_NUMBER (follow-me numbers such as the US 500 range) are allowed, as is
 * MOBILE and, where the plan does not tell the two apart (US, Canada, Mexico),
 * FIXED_LINE_OR_MOBILE. A valid number of no known type is allowed too; the carrier has the
 * last word and delivery marks it invalid if it bounces (Twilio 21614).
 */
const REFUSED_TYPES: Readonly<Partial<Record<PhoneNumberType, string>>> = {
  FIXED_LINE: 'a landline cannot receive SMS',
  PREMIUM_RATE: 'a premium-rate number cannot receive SMS',
  TOLL_FREE: 'a toll-free number cannot receive SMS',
  SHARED_COST: 'a shared-cost number cannot receive SMS',
  PAGER: 'a pager number cannot receive SMS',
  UAN: 'a company switchboard (UAN) number cannot receive SMS',
  VOICEMAIL: 'a voicemail-only number cannot receive SMS',
};

/** "ext. 12", "x12", "#12" at the end: the only letters a phone number may carry. */
const EXTENSION_SUFFIX = /(?:extension|ext\.?|x|#)\s*\d+\s*$/i;

/**
 * Turns what a person typed into E.164 and says whether it can receive SMS. National formats
 * are read for `defaultCountry` ("(617) 555-0123", "617.555.0123"); "+…" and the international
 * prefixes 011 (North America) and 00 (most of the world, accepted from anywhere) switch
 * country. Uses libphonenumber's full ("max") metadata so that number types are known.
 */
export function normalizePhone(input: string, defaultCountry: CountryCode): NormalizedPhone {
  const text = input.trim();
  if (!/\p{Nd}/u.test(text) || /\p{L}/u.test(text.replace(EXTENSION_SUFFIX, ''))) {
    return reject('not_a_number', 'not a phone number');
  }
  let phone = parse(text, defaultCountry);
  if (text.startsWith('00') && !(phone instanceof PhoneNumber && phone.isValid())) {
    const international = parse(`+${text.slice(2)}`, defaultCountry);
    if (international instanceof PhoneNumber && international.isValid()) phone = international;
  }
  if (!(phone instanceof PhoneNumber)) return phone;
  if (!phone.isValid()) return invalid(phone, defaultCountry);
  if (phone.ext) return reject('has_extension', 'a number with an extension cannot receive SMS');

  const type = phone.getType();
  const refusal = type ? REFUSED_TYPES[type] : undefined;
  if (refusal) return reject('cannot_receive_sms', refusal);
  return {
    ok: true,
    e164: phone.number,
    ...(type ? { type } : {}),
    ...(phone.country ? { country: phone.country } : {}),
  };
}

function parse(text: string, defaultCountry: CountryCode): PhoneNumber | NormalizedPhone {
  try {
    return parsePhoneNumberWithError(text, { defaultCountry, extract: false });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    switch (error.message) {
      case 'TOO_SHORT':
        return reject('too_short', 'too short');
      case 'TOO_LONG':
        return reject('too_long', 'too long');
      case 'INVALID_COUNTRY':
        return reject('unknown_country_code', 'unknown country code');
      default:
        return reject('not_a_number', 'not a phone number');
    }
  }
}

function invalid(phone: PhoneNumber, defaultCountry: CountryCode): NormalizedPhone {
  const length = validatePhoneNumberLength(phone.number);
  if (length === 'TOO_SHORT') return reject('too_short', 'too short');
  if (length === 'TOO_LONG') return reject('too_long', 'too long');
  const region =
    phone.country ??
    (phone.countryCallingCode === getCountryCallingCode(defaultCountry) ? defaultCountry : REGIONS_BY_CALLING_CODE[phone.countryCallingCode]?.[0]);
  return reject('invalid', region ? `invalid for region ${region}` : 'not a valid phone number');
}

function reject(code: PhoneRejection, reason: string): NormalizedPhone {
  return { ok: false, code, reason };
}
