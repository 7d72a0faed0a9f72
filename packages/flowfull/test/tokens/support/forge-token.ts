/**
 * @module Builds v4 tokens from exact payload and footer text, bypassing the checks `V4.sign` and
 * `V4.encrypt` make on their input: for tests of what a verifier does with a validly signed or
 * encrypted token that flowfull itself would refuse to produce (duplicate JSON keys, non-objects).
 */
import { type KeyObject, randomBytes, sign } from 'node:crypto';
import { xchacha20 } from '@noble/ciphers/chacha.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { pae } from '../../../src/tokens/paseto/pae.js';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const withFooter = (body: Buffer, footer: Buffer): string =>
  footer.byteLength === 0
    ? body.toString('base64url')
    : `${body.toString('base64url')}.${footer.toString('base64url')}`;

/**
 * A `v4.public.` token over the exact bytes of `message` and `footer`.
 */
export function forgePublic(message: string | Uint8Array, footer: string, secretKey: KeyObject): string {
  const m = typeof message === 'string' ? utf8(message) : Buffer.from(message);
  const f = utf8(footer);
  const signature = sign(null, pae([utf8('v4.public.'), m, f, Buffer.alloc(0)]), secretKey);
  return `v4.public.${withFooter(Buffer.concat([m, signature]), f)}`;
}

/**
 * A `v4.local.` token encrypting the exact bytes of `message`, with `footer`.
 */
export function forgeLocal(message: string | Uint8Array, footer: string, key: Uint8Array): string {
  const m = typeof message === 'string' ? utf8(message) : Buffer.from(message);
  const f = utf8(footer);
  const nonce = randomBytes(32);
  const derived = blake2b(Buffer.concat([utf8('paseto-encryption-key'), nonce]), { key, dkLen: 56 });
  const authKey = blake2b(Buffer.concat([utf8('paseto-auth-key-for-aead'), nonce]), { key, dkLen: 32 });
  const ciphertext = xchacha20(derived.subarray(0, 32), derived.subarray(32), m);
  const tag = blake2b(pae([utf8('v4.local.'), nonce, ciphertext, f, Buffer.alloc(0)]), {
    key: authKey,
    dkLen: 32,
  });
  return `v4.local.${withFooter(Buffer.concat([nonce, ciphertext, tag]), f)}`;
}
