/**
 * @module Session id hygiene: the format check done before any network call, and the SHA-256
 * hash that stands in for the id in caches, Redis and revocation messages.
 */
import * as crypto from 'node:crypto';

/** Longest session id accepted. @default 256 */
export const MAX_SESSION_ID_LENGTH = 256;

// Visible ASCII only (0x21-0x7E): no spaces, control characters or non-ASCII.
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * True when `sessionId` is 1 to 256 visible ASCII characters. Anything else is rejected as
 * `SESSION_MALFORMED` without asking Flowless.
 *
 * @example
 * ```ts
 * isWellFormedSessionId('abc123'); // true
 * isWellFormedSessionId('a b');    // false
 * ```
 */
export function isWellFormedSessionId(sessionId: string): boolean {
  return sessionId.length <= MAX_SESSION_ID_LENGTH && VISIBLE_ASCII.test(sessionId);
}

/**
 * SHA-256 of a session id, hex-encoded: the form Flowless stores and the only form Flowfull keeps
 * in caches, logs and revocation messages.
 *
 * @example
 * ```ts
 * await publishRevocation(redis, { type: 'session.revoked', session_hash: hashSessionId(id) });
 * ```
 */
export function hashSessionId(sessionId: string): string {
  return sha256Hex(sessionId);
}

// The one-shot crypto.hash() (Node >= 20.12) is about twice as fast as createHash() on the hot
// path; older Node 20 releases fall back to createHash().
const sha256Hex: (value: string) => string =
  typeof crypto.hash === 'function'
    ? (value) => crypto.hash('sha256', value, 'hex')
    : (value) => crypto.createHash('sha256').update(value).digest('hex');
