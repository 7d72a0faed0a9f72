/**
 * @module Opaque secrets (session ids, reset and verification tokens): CSPRNG bytes, stored only
 * as their SHA-256, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new secret of `bytes` CSPRNG bytes, base64url-encoded (32 bytes → 43 characters, 256 bits).
 *
 * @example
 * ```ts
 * const sessionId = randomSecret(); // 256 bits
 * ```
 */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A new row id: `prefix_` followed by 128 random bits. Row ids are not secrets.
 *
 * @example
 * ```ts
 * newId('usr'); // 'usr_3q2…'
 * ```
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/**
 * The lowercase hex SHA-256 of a secret: the only form in which secrets reach the database.
 *
 * @example
 * ```ts
 * const hash = sha256Hex(sessionId);
 * ```
 */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Compares two strings in time independent of where they differ and of their lengths (both
 * sides are hashed to 32 bytes first).
 *
 * @example
 * ```ts
 * safeEqual(header ?? '', config.BRIDGE_VALIDATION_SECRET);
 * ```
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}
