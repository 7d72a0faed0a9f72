/**
 * @module Provider tokens at rest: AES-256-GCM under `SOCIAL_TOKEN_ENCRYPTION_KEY`, a fresh 96-bit
 * IV per value, and the row's identity (provider and provider user id) as additional data, so a
 * ciphertext copied onto another row does not decrypt. Format: `v1.<iv>.<ciphertext+tag>` in base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Encrypts and decrypts provider tokens. */
export interface ProviderTokenCipher {
  /** Ciphertext of `token`, bound to `context` (e.g. `github:1234`). */
  seal(token: string, context: string): string;
  /** The token, or null when the value was not sealed with this key and context. */
  open(sealed: string, context: string): string | null;
}

/**
 * Creates a {@link ProviderTokenCipher} for a 32-byte key.
 *
 * @throws TypeError when the key is not 32 bytes.
 */
export function createProviderTokenCipher(key: Buffer): ProviderTokenCipher {
  if (key.length !== 32) throw new TypeError('createProviderTokenCipher: key must be 32 bytes');
  return {
    seal(token, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, iv, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !body) return null;
      const bytes = Buffer.from(body, 'base64url');
      if (bytes.length < 16) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(bytes.subarray(bytes.length - 16));
        return Buffer.concat([
          decipher.update(bytes.subarray(0, bytes.length - 16)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
