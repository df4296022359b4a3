import { CountryCode, normalizePhone } from './normalize-phone';

describe('normalizePhone', () => {
  it.each<[string, CountryCode, string, string, string]>([
    ['(617) 555-0123', 'US', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['617.555.0123', 'US', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['617-555-0123', 'US', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['6175550123', 'US', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['٦١٧٥٥٥٠١٢٣', 'US', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['６１７−５５５−０１２３', 'US', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['1 (617) 555-0123', 'US', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['+1 617 555 0123', 'US', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['  +1 617 555 0123  ', 'GB', '+16175550123', 'FIXED_LINE_OR_MOBILE', 'US'],
    ['(416) 555-0123', 'US', '+14165550123', 'FIXED_LINE_OR_MOBILE', 'CA'],
    ['00 52 55 1234 5678', 'US', '+525512345678', 'FIXED_LINE_OR_MOBILE', 'MX'],
    ['011 52 55 1234 5678', 'US', '+525512345678', 'FIXED_LINE_OR_MOBILE', 'MX'],
    ['55 1234 5678', 'MX', '+525512345678', 'FIXED_LINE_OR_MOBILE', 'MX'],
    ['07400 123456', 'GB', '+447400123456', 'MOBILE', 'GB'],
    ['+44 7400 123456', 'US', '+447400123456', 'MOBILE', 'GB'],
    ['091 234 5678', 'VN', '+84912345678', 'MOBILE', 'VN'],
    ['+252 61 5123456', 'US', '+252615123456', 'MOBILE', 'SO'],
    ['+509 34 10 1234', 'US', '+50934101234', 'MOBILE', 'HT'],
    // VOIP and personal numbers can take texts.
    ['+44 56 1234 5678', 'US', '+445612345678', 'VOIP', 'GB'],
    ['+1 500 555 0006', 'US', '+15005550006', 'PERSONAL_NUMBER', 'US'],
  ])('%j (%s) → %s', (input, defaultCountry, e164, type, country) => {
    expect(normalizePhone(input, defaultCountry)).toEqual({ ok: true, e164, type, country });
  });

  it.each<[string, CountryCode, string]>([
    ['', 'US', 'not a phone number'],
    ['hello', 'US', 'not a phone number'],
    ['call me', 'US', 'not a phone number'],
    ['1-800-FLOWERS', 'US', 'not a phone number'],
    ['617 555', 'US', 'too short'],
    ['12', 'US', 'too short'],
    ['+1', 'US', 'too short'],
    ['+1 617 555 01234', 'US', 'too long'],
    ['617 555 0123 4567 8901 2345', 'US', 'too long'],
    ['(123) 555-0123', 'US', 'invalid for region US'],
    ['617 055 0123', 'US', 'invalid for region US'],
    ['+44 7700 900123', 'US', 'invalid for region GB'],
    ['+999 1234 5678', 'US', 'unknown country code'],
    ['617-555-0123 x12', 'US', 'a number with an extension cannot receive SMS'],
    ['617-555-0123 ext. 12', 'US', 'a number with an extension cannot receive SMS'],
    ['+44 20 7946 0018', 'US', 'a landline cannot receive SMS'],
    ['1-800-555-0199', 'US', 'a toll-free number cannot receive SMS'],
    ['(888) 555-0123', 'US', 'a toll-free number cannot receive SMS'],
    ['+1 900 555 0123', 'US', 'a premium-rate number cannot receive SMS'],
    ['+44 7640 123456', 'US', 'a pager number cannot receive SMS'],
    ['+44 55 1234 5678', 'US', 'a company switchboard (UAN) number cannot receive SMS'],
    ['+44 843 123 4567', 'US', 'a premium-rate number cannot receive SMS'],
  ])('%j (%s) → %j', (input, defaultCountry, reason) => {
    const result = normalizePhone(input, defaultCountry);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('gives a machine-readable code beside the reason', () => {
    expect(normalizePhone('+44 20 7946 0018', 'GB')).toEqual({
      ok: false,
      code: 'cannot_receive_sms',
      reason: 'a landline cannot receive SMS',
    });
    expect(normalizePhone('617 555', 'US')).toEqual({ ok: false, code: 'too_short', reason: 'too short' });
  });

  it('accepts the fictional 555-0100..0199 range, which libphonenumber treats as valid', () => {
    for (const last of ['0100', '0150', '0199']) {
      expect(normalizePhone(`617-555-${last}`, 'US')).toMatchObject({ ok: true, e164: `+1617555${last}` });
    }
  });
});
