import { SecretBox } from './secret-box';

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
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox('z'.repeat(44)).open(sealed)).toThrow();
  });
});
