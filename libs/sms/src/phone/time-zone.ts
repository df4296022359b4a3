import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { NANP_AREA_CODES_BY_ZONE, SINGLE_ZONE_COUNTRIES } from './time-zone-tables';

const zoneByAreaCode = buildAreaCodeIndex();

/**
 * A best guess at the IANA time zone of the phone's owner, for quiet hours: the area code for
 * US and Canadian numbers, the country for countries with a single zone, otherwise undefined
 * (use the district's zone then). It is a guess: people keep their number when they move.
 */
export function timeZoneForPhone(e164: string): string | undefined {
  const phone = parsePhoneNumberFromString(e164.trim());
  if (!phone) return undefined;
  if (phone.countryCallingCode === '1' && (!phone.country || phone.country === 'US' || phone.country === 'CA')) {
    return zoneByAreaCode.get(phone.nationalNumber.slice(0, 3));
  }
  return phone.country ? SINGLE_ZONE_COUNTRIES[phone.country] : undefined;
}

function buildAreaCodeIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const [zone, areaCodes] of Object.entries(NANP_AREA_CODES_BY_ZONE)) {
    for (const areaCode of areaCodes.split(' ')) {
      const existing = index.get(areaCode);
      if (existing) throw new Error(`Area code ${areaCode} is listed under ${existing} and ${zone}`);
      index.set(areaCode, zone);
    }
  }
  return index;
}

/** Every area code the table knows, for the spec. */
export function knownNanpAreaCodes(): ReadonlyMap<string, string> {
  return zoneByAreaCode;
}

/**
 * The same knowledge as `timeZoneForPhone`, as E.164 prefixes (`+1617`, `+33`) for a lookup table
 * in the database, so quiet hours can be computed in one set-based statement. Calling codes that
 * several countries share are left out unless all of them are in one zone.
 */
export function phonePrefixTimeZones(): [prefix: string, zone: string][] {
  const entries: [string, string][] = [...zoneByAreaCode].map(([areaCode, zone]) => [`+1${areaCode}`, zone]);
  const zonesByCode = new Map<string, Set<string | undefined>>();
  for (const country of getCountries()) {
    const code = getCountryCallingCode(country);
    const zones = zonesByCode.get(code) ?? new Set<string | undefined>();
    zones.add(SINGLE_ZONE_COUNTRIES[country]);
    zonesByCode.set(code, zones);
  }
  for (const [code, zones] of zonesByCode) {
    const [zone] = [...zones];
    if (code !== '1' && zones.size === 1 && zone) entries.push([`+${code}`, zone]);
  }
  return entries;
}
