import { SecretBox, SecretBoxError } from './secret-box';

const OLD = 'o'.repeat(44);
const NEW = 'n'.repeat(44);

describe('SecretBox', () => {
  const box = new SecretBox('k'.repeat(44));

  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.seal('auth-token-123');
    expect(sealed).not.toContain('auth-token-123');
    expect(box.open(sealed)).toBe('auth-token-123');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered or foreign ciphertext', () => {
    const sealed = box.seal('secret');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow(SecretBoxError);
    expect(() => new SecretBox('z'.repeat(44)).open(sealed)).toThrow(/another key than SECRETS_KEY/);
    expect(() => box.open('v1.not-sealed')).toThrow(/not a sealed secret/);
  });
});

describe('SecretBox during a key rotation', () => {
  const before = new SecretBox(OLD);
  const during = new SecretBox(NEW, OLD);
  const after = new SecretBox(NEW);

  it('opens secrets sealed with the previous key, and seals with the new one only', () => {
    const old = before.seal('twilio-token');
    expect(during.open(old)).toBe('twilio-token');
    expect(during.sealedWith(old)).toBe('previous');
    const fresh = during.seal('google-key');
    expect(during.sealedWith(fresh)).toBe('current');
    expect(after.open(fresh)).toBe('google-key');
    expect(() => before.open(fresh)).toThrow(SecretBoxError);
  });

  it('reseals what the previous key sealed and leaves the rest alone', () => {
    const old = before.seal('twilio-token');
    const resealed = during.reseal(old)!;
    expect(resealed).not.toBe(old);
    expect(after.open(resealed)).toBe('twilio-token');
    expect(during.reseal(resealed)).toBeNull();
  });

  it('names both keys when neither opens a secret', () => {
    const stranger = new SecretBox('s'.repeat(44)).seal('x');
    expect(() => during.open(stranger)).toThrow('the secret was sealed with neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS');
    expect(() => during.reseal(stranger)).toThrow(SecretBoxError);
  });

  it('treats a previous key equal to the current one as no previous key', () => {
    const same = new SecretBox(NEW, NEW);
    expect(same.sealedWith(after.seal('x'))).toBe('current');
    expect(() => same.open(before.seal('x'))).toThrow(/another key than SECRETS_KEY/);
  });
});
