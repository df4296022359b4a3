import { DomainError } from '@porchlight/contracts';
import { Cursor, CursorPart } from './paging';

const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');

describe('Cursor', () => {
  it('reads back what it wrote', () => {
    const id = '3f1c1b6e-8a39-4f61-9a41-0f0e1c2d3b4a';
    const at = new Date('2026-03-06T14:30:00.123Z').toISOString();
    expect(Cursor.decode(Cursor.encode([id]), ['uuid'])).toEqual([id]);
    expect(Cursor.decode(Cursor.encode([at, id]), ['time', 'uuid'])).toEqual([at, id]);
    expect(Cursor.decode(Cursor.encode(['+16175550100']), ['phone'])).toEqual(['+16175550100']);
    expect(Cursor.decode(undefined, ['uuid'])).toBeUndefined();
    expect(Cursor.decode('', ['uuid'])).toBeUndefined();
  });

  it.each<[string, string, CursorPart[]]>([
    ['garbled base64', '!!!not-base64***', ['uuid']],
    ['base64 of garbage', Buffer.from('\u0000\u00ff garbage').toString('base64url'), ['uuid']],
    ['not an array', forged({ id: 'x' }), ['uuid']],
    ['the wrong arity', forged(['3f1c1b6e-8a39-4f61-9a41-0f0e1c2d3b4a', 'x']), ['uuid']],
    ['a non-uuid id', forged(['not-a-uuid']), ['uuid']],
    ['a number for an id', forged([42]), ['uuid']],
    ['a time that is not one', forged(['yesterday', '3f1c1b6e-8a39-4f61-9a41-0f0e1c2d3b4a']), ['time', 'uuid']],
    ['a day that does not exist', forged(['2024-02-30T00:00:00.000Z', '3f1c1b6e-8a39-4f61-9a41-0f0e1c2d3b4a']), ['time', 'uuid']],
    ['year zero', forged(['0000-01-01T00:00:00.000Z', '3f1c1b6e-8a39-4f61-9a41-0f0e1c2d3b4a']), ['time', 'uuid']],
    ['a NUL in a phone', forged(['+1617\u0000']), ['phone']],
    ['a word for a phone', forged(['not-a-phone']), ['phone']],
    ['an object for a phone', forged([{ $gt: '' }]), ['phone']],
  ])('refuses %s with a 400 naming cursor', (_, cursor, shape) => {
    let caught: unknown;
    try {
      Cursor.decode(cursor, shape);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'invalid', details: [{ field: 'cursor', message: 'cursor is not one this API issued' }] });
  });
});
