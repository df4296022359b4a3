import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Derives a purpose-specific 32-byte key from SECRETS_KEY, so one secret serves several uses. */
export function deriveKey(secretsKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secretsKey, 'utf8'), Buffer.alloc(0), `porchlight:${purpose}`, 32));
}

/** Which of the box's keys sealed a secret. */
export type SealedWith = 'current' | 'previous';

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * AES-256-GCM for tenants' provider secrets at rest: `v1.<iv>.<tag>.<ciphertext>` in base64url.
 * Seals with SECRETS_KEY; opens with it, or while a rotation is under way with
 * SECRETS_KEY_PREVIOUS (GCM's tag tells the keys apart), until `npm run secrets:reseal` has
 * sealed everything again with the new key.
 */
export class SecretBox {
  private readonly key: Buffer;
  private readonly previousKey?: Buffer;

  constructor(secretsKey: string, previousSecretsKey?: string) {
    this.key = deriveKey(secretsKey, 'tenant-secrets');
    if (previousSecretsKey && previousSecretsKey !== secretsKey) this.previousKey = deriveKey(previousSecretsKey, 'tenant-secrets');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    return this.unseal(sealed).plaintext;
  }

  /** Which key sealed `sealed`; throws a SecretBoxError when neither opens it. */
  sealedWith(sealed: string): SealedWith {
    return this.unseal(sealed).with;
  }

  /** `sealed` sealed again with the current key, or null when it already is. */
  reseal(sealed: string): string | null {
    const { plaintext, with: key } = this.unseal(sealed);
    return key === 'current' ? null : this.seal(plaintext);
  }

  private unseal(sealed: string): { plaintext: string; with: SealedWith } {
    const parts = sealed.split('.');
    const [version, iv, tag, ciphertext] = parts;
    if (parts.length !== 4 || version !== 'v1' || !iv || !tag) throw new SecretBoxError('not a sealed secret');
    const attempts: Array<[SealedWith, Buffer | undefined]> = [
      ['current', this.key],
      ['previous', this.previousKey],
    ];
    for (const [name, key] of attempts) {
      if (!key) continue;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return { plaintext: Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8'), with: name };
      } catch {
        // Not this key (or tampered with): try the next.
      }
    }
    throw new SecretBoxError(
      this.previousKey
        ? 'the secret was sealed with neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS'
        : 'the secret was sealed with another key than SECRETS_KEY (set SECRETS_KEY_PREVIOUS while rotating)',
    );
  }
}
