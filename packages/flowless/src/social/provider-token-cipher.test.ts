import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProviderTokenCipher } from './provider-token-cipher.js';

describe('createProviderTokenCipher()', () => {
  const cipher = createProviderTokenCipher(randomBytes(32));

  it('opens what it sealed, for the same context, and the ciphertext does not contain the token', () => {
    const sealed = cipher.seal('gho_secret-token', 'github:42');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('gho_secret-token');
    expect(cipher.open(sealed, 'github:42')).toBe('gho_secret-token');
  });

  it('seals the same token differently each time (fresh IV)', () => {
    expect(cipher.seal('t', 'c')).not.toBe(cipher.seal('t', 'c'));
  });

  it('returns null for another context, another key, or a tampered value', () => {
    const sealed = cipher.seal('gho_secret-token', 'github:42');
    expect(cipher.open(sealed, 'github:43')).toBeNull();
    expect(createProviderTokenCipher(randomBytes(32)).open(sealed, 'github:42')).toBeNull();
    // Flip one bit of the first ciphertext byte (the last base64url character may carry only
    // padding bits, so changing it does not always change a byte).
    const [version, iv, body] = sealed.split('.') as [string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(cipher.open(`${version}.${iv}.${bytes.toString('base64url')}`, 'github:42')).toBeNull();
    expect(cipher.open('v0.x.y', 'github:42')).toBeNull();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createProviderTokenCipher(randomBytes(16))).toThrow(TypeError);
  });
});
