import { knownNanpAreaCodes, timeZoneForPhone } from './time-zone';
import { SINGLE_ZONE_COUNTRIES } from './time-zone-tables';

describe('timeZoneForPhone', () => {
  it.each([
    ['+16175550123', 'America/New_York'],
    ['+12125550123', 'America/New_York'],
    ['+13055550123', 'America/New_York'],
    ['+13125550123', 'America/Chicago'],
    ['+12145550123', 'America/Chicago'],
    ['+13035550123', 'America/Denver'],
    ['+18015550123', 'America/Denver'],
    ['+19155550123', 'America/Denver'],
    ['+16025550123', 'America/Phoenix'],
    ['+14805550123', 'America/Phoenix'],
    ['+14155550123', 'America/Los_Angeles'],
    ['+12065550123', 'America/Los_Angeles'],
    ['+19075550123', 'America/Anchorage'],
    ['+18085550123', 'Pacific/Honolulu'],
    ['+14165550123', 'America/Toronto'],
    ['+15145550123', 'America/Toronto'],
    ['+16045550123', 'America/Vancouver'],
    ['+14035550123', 'America/Edmonton'],
    ['+13065550123', 'America/Regina'],
    ['+19025550123', 'America/Halifax'],
    ['+17095550123', 'America/St_Johns'],
    ['+17875550123', 'America/Puerto_Rico'],
    ['+18765550123', 'America/Jamaica'],
    ['+33612345678', 'Europe/Paris'],
    ['+84912345678', 'Asia/Ho_Chi_Minh'],
    ['+252615123456', 'Africa/Mogadishu'],
    ['+50934101234', 'America/Port-au-Prince'],
    ['+8613123456789', 'Asia/Shanghai'],
    ['+821020000000', 'Asia/Seoul'],
    ['+639051234567', 'Asia/Manila'],
    ['+447400123456', 'Europe/London'],
  ])('%s → %s', (e164, zone) => {
    expect(timeZoneForPhone(e164)).toBe(zone);
  });

  it.each([
    ['toll-free, no place', '+18005550123'],
    ['a country with several zones', '+525512345678'],
    ['Brazil', '+5511961234567'],
    ['not E.164', '6175550123'],
    ['garbage', 'hello'],
    ['empty', ''],
  ])('is undefined for %s', (_name, e164) => {
    expect(timeZoneForPhone(e164)).toBeUndefined();
  });

  it('knows every US and Canadian area code in common use', () => {
    const areaCodes = knownNanpAreaCodes();
    expect(areaCodes.size).toBeGreaterThan(350);
    for (const areaCode of areaCodes.keys()) expect(areaCode).toMatch(/^[2-9][0-8]\d$/);
  });

  it('only names time zones the runtime knows', () => {
    const zones = new Set([...knownNanpAreaCodes().values(), ...Object.values(SINGLE_ZONE_COUNTRIES)]);
    for (const zone of zones) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone })).not.toThrow();
    }
  });
});
