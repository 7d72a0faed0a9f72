/**
 * @module Opaque secrets (session ids, reset and verification tokens): CSPRNG bytes, stored only
 * as their SHA-256, compared in constant time.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new secret of `bytes` CSPRNG bytes, base64url-encoded (32 bytes → 43 characters, 256 bits).
 */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A new row id: `prefix_` followed by 128 random bits. Row ids are not secrets.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/**
 * The lowercase hex SHA-256 of a secret: the only form in which secrets reach the database.
 */
export function sha256Hex(secret: string): string {
  return hash('sha256', secret, 'hex');
}

// The hex digest as bytes: on Node 20 the one-shot `hash()` is about three times slower with
// 'buffer' output than with 'hex', and comparing two 64-byte hex digests is just as sound.
const digest = (value: string): Buffer => Buffer.from(hash('sha256', value, 'hex'), 'latin1');

/**
 * Compares two strings in time independent of where they differ and of their lengths (both
 * sides are compared as SHA-256 digests).
 */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}

/**
 * A {@link safeEqual} against one fixed secret, whose digest is computed once (the bridge secret is
 * checked on every bridge request).
 */
export function secretMatcher(expected: string): (given: string) => boolean {
  const expectedDigest = digest(expected);
  return (given) => timingSafeEqual(digest(given), expectedDigest) && given.length === expected.length;
}
