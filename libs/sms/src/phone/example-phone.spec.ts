import { examplePhone } from './example-phone';
import { normalizePhone } from './normalize-phone';

describe('examplePhone', () => {
  it('starts at libphonenumber’s example and stays in the fictional 555-01XX range for the first 100 US numbers', () => {
    expect(examplePhone('US')).toBe('+12015550123');
    expect(examplePhone('US', 1)).toBe('+12015550124');
    expect(examplePhone('US', 76)).toBe('+12015550199');
    expect(examplePhone('US', 77)).toBe('+12015550100');
    const numbers = Array.from({ length: 100 }, (_, n) => examplePhone('US', n));
    expect(new Set(numbers).size).toBe(100);
    for (const number of numbers) expect(number).toMatch(/^\+120155501\d\d$/);
  });

  it('is deterministic', () => {
    expect(examplePhone('MX', 5)).toBe(examplePhone('MX', 5));
  });

  it.each(['US', 'CA', 'MX', 'GB', 'VN', 'SO', 'HT', 'CN', 'PH', 'KR', 'BR', 'FR', 'SV', 'GT', 'AF', 'UA', 'RU'] as const)(
    'gives distinct numbers for %s that normalizePhone accepts',
    (country) => {
      const numbers = Array.from({ length: 5 }, (_, n) => examplePhone(country, n));
      expect(new Set(numbers).size).toBe(5);
      for (const number of numbers) {
        expect(normalizePhone(number, country)).toMatchObject({ ok: true, e164: number, country });
      }
    },
  );

  it('refuses a negative or fractional n', () => {
    expect(() => examplePhone('US', -1)).toThrow(RangeError);
    expect(() => examplePhone('US', 1.5)).toThrow(RangeError);
  });
});
