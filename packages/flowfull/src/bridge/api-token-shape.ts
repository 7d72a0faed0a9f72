/**
 * @module The shape of a Flowless personal API token, checked before any network call:
 * `flw_pat_<43 base64url characters>_<8 hex digits: CRC32 of what precedes them>`. A value with the
 * prefix but a wrong shape or checksum is refused as `SESSION_MALFORMED` without asking Flowless.
 */
import { crc32 } from 'node:zlib';

/** What every personal API token starts with. */
export const API_TOKEN_PREFIX = 'flw_pat_';

const SHAPE = /^flw_pat_[A-Za-z0-9_-]{43}_[0-9a-f]{8}$/;
const BODY_LENGTH = API_TOKEN_PREFIX.length + 43;

/**
 * The checksum part of a token whose first part is `body` (`flw_pat_` and 43 characters).
 *
 * @example
 * ```ts
 * const secret = `${body}_${apiTokenChecksum(body)}`;
 * ```
 */
export function apiTokenChecksum(body: string): string {
  return crc32(body).toString(16).padStart(8, '0');
}

/**
 * True when `value` claims to be an API token (it starts with `flw_pat_`), well formed or not.
 *
 * @example
 * ```ts
 * looksLikeApiToken('flw_pat_…'); // true
 * ```
 */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX);
}

/**
 * True when `value` has the token shape and its checksum matches. The checksum is no secret: it
 * tells typos and guesses from real-looking tokens, and lets secret scanners recognise leaks.
 *
 * @example
 * ```ts
 * isWellFormedApiToken('flw_pat_' + 'A'.repeat(43) + '_00000000'); // false (checksum)
 * ```
 */
export function isWellFormedApiToken(value: string): boolean {
  return SHAPE.test(value) && apiTokenChecksum(value.slice(0, BODY_LENGTH)) === value.slice(BODY_LENGTH + 1);
}
