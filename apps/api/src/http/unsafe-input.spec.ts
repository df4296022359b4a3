import { findUnsafeInput, MAX_INPUT_DEPTH } from './unsafe-input';

describe('findUnsafeInput', () => {
  it('names each NUL or lone surrogate by its path, nested objects and arrays included, in document order', () => {
    const body = {
      title: 'ok',
      body: 'Buses run late\u0000',
      audience: { schoolIds: ['ok', '\ud800x'], grades: ['03'] },
      translations: [{ es: 'bien' }, { vi: 'x\udc00' }],
    };
    expect(findUnsafeInput(body)).toEqual([
      { field: 'body', message: 'body must not contain the NUL character (\\u0000)' },
      { field: 'audience.schoolIds.1', message: expect.stringContaining('surrogate') },
      { field: 'translations.1.vi', message: expect.stringContaining('surrogate') },
    ]);
  });

  it('accepts any well-formed text: emoji, scripts, control characters other than NUL', () => {
    expect(findUnsafeInput({ body: 'Hola 👋🏽 مرحبا 你好 \t\n\u0001', n: 1e308, ok: true, none: null, list: [[], {}] })).toEqual([]);
  });

  it('refuses prototype keys and keys holding NUL', () => {
    const body = JSON.parse('{"__proto__": {"admin": true}, "template": {"variables": {"constructor": "x", "a\\u0000": "y"}}}');
    expect(findUnsafeInput(body).map((p) => p.field)).toEqual(['__proto__', 'template.variables.constructor', 'template.variables.a\\u0000']);
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    const depth = 200_000;
    const deep = JSON.parse('['.repeat(depth) + ']'.repeat(depth));
    const problems = findUnsafeInput({ a: deep });
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain(`nested more than ${MAX_INPUT_DEPTH} levels deep`);
    expect(findUnsafeInput({ a: { b: { c: [1, [2]] } } })).toEqual([]);
  });

  it('names route and query parameters by their own names', () => {
    expect(findUnsafeInput({ id: 'abc\u0000' })).toEqual([{ field: 'id', message: expect.stringContaining('NUL') }]);
    expect(findUnsafeInput({ cursor: ['a', 'b\u0000'] })).toEqual([{ field: 'cursor.1', message: expect.stringContaining('NUL') }]);
  });

  it('lists at most twenty problems', () => {
    expect(findUnsafeInput(Array.from({ length: 100 }, () => '\u0000'))).toHaveLength(20);
  });
});
