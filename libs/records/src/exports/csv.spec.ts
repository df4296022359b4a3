import { csvField, csvLine } from './csv';

describe('csvLine', () => {
  it('quotes only what needs quoting and ends lines with CRLF', () => {
    expect(csvLine(['a', 'b c', 42, null, undefined, true])).toBe('a,b c,42,,,true\r\n');
    expect(csvLine(['x,y', 'say "hi"', 'two\nlines', 'cr\rhere'])).toBe('"x,y","say ""hi""","two\nlines","cr\rhere"\r\n');
  });

  it('writes times in ISO 8601 UTC, arrays space-separated and JSON as JSON', () => {
    expect(csvField(new Date('2025-01-02T03:04:05.678Z'))).toBe('2025-01-02T03:04:05.678Z');
    expect(csvField(['a', 'b'])).toBe('a b');
    expect(csvField({ all: true, schoolIds: ['s1'] })).toBe('"{""all"":true,""schoolIds"":[""s1""]}"');
  });

  it('keeps every script and a leading = exactly as stored', () => {
    expect(csvField('مرحبا 你好 Xin chào')).toBe('مرحبا 你好 Xin chào');
    expect(csvField('=1+1')).toBe('=1+1');
  });
});
