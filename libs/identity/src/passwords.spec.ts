import { hashPassword, verifyPassword } from './passwords';

describe('verifyPassword', () => {
  it('accepts the password a hash was made from and refuses any other', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
  });

  it.each([['x'], ['!'], [''], ['$argon2id$broken'], [null], [undefined]])(
    'treats a stored value that is not an argon2 hash (%p) as matching nothing',
    async (stored) => {
      expect(await verifyPassword(stored, 'x')).toBe(false);
      expect(await verifyPassword(stored, '')).toBe(false);
    },
  );
});
