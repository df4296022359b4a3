import { CountryCode, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';

const SMS_CAPABLE_EXAMPLE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/**
 * The n-th (from 0) distinct valid mobile number of a country, in E.164: libphonenumber's
 * example mobile number with its last digits counted up, deterministic, for demos, seeds and
 * tests. The last two digits vary first, so for the US the first hundred are +1 201-555-0100
 * to 0199: the range the North American Numbering Plan reserves for fiction, which
 * libphonenumber accepts as valid. Throws RangeError for a country without an example.
 */
export function examplePhone(country: CountryCode, n = 0): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`examplePhone: n must be a whole number ≥ 0, got ${String(n)}`);
  const example = getExampleNumber(country, examples);
  if (!example) throw new RangeError(`examplePhone: libphonenumber has no example mobile number for ${country}`);

  const national: string = example.nationalNumber;
  const width = Math.min(4, national.length - 1);
  const stem = national.slice(0, national.length - width);
  const suffix = Number(national.slice(-width));
  const low = suffix % 100;
  const high = Math.floor(suffix / 100);
  const highRange = 10 ** (width - 2);

  let found = 0;
  for (let step = 0; step < 10 ** width; step += 1) {
    const candidateHigh = (high + Math.floor(step / 100)) % highRange;
    const candidateLow = (low + step) % 100;
    const digits = `${stem}${String(candidateHigh * 100 + candidateLow).padStart(width, '0')}`;
    const phone = parsePhoneNumberFromString(`+${example.countryCallingCode}${digits}`);
    if (!phone?.isValid() || !SMS_CAPABLE_EXAMPLE_TYPES.has(phone.getType() ?? '')) continue;
    if (found === n) return phone.number;
    found += 1;
  }
  throw new RangeError(`examplePhone: ${country} has fewer than ${String(n + 1)} example numbers`);
}
