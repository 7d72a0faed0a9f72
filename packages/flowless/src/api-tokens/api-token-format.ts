/**
 * @module The shape of a personal API token: `flw_pat_<43 base64url characters: 32 random
 * bytes>_<8 hex digits: CRC32 of what precedes them>`. The fixed prefix lets secret scanners find
 * leaked tokens; the checksum lets them (and this server) tell a real-looking token from a typo or a
 * guess without a database look-up. The checksum is not a secret and proves nothing about validity.
 */
import { crc32 } from 'node:zlib';
import { randomSecret } from '../secrets/opaque-secret.js';

/** What every personal API token starts with. */
export const API_TOKEN_PREFIX = 'flw_pat_';

/** Characters of a token shown back to its owner in lists (`flw_pat_` and the first 4 random ones). */
export const API_TOKEN_DISPLAY_LENGTH = API_TOKEN_PREFIX.length + 4;

const SHAPE = /^flw_pat_[A-Za-z0-9_-]{43}_[0-9a-f]{8}$/;
const BODY_LENGTH = API_TOKEN_PREFIX.length + 43;

const checksumOf = (body: string): string => crc32(body).toString(16).padStart(8, '0');

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
 * True when `value` has the token shape and its checksum matches: checked before any look-up.
 *
 * @example
 * ```ts
 * isWellFormedApiToken(mintApiToken().secret); // true
 * ```
 */
export function isWellFormedApiToken(value: string): boolean {
  return SHAPE.test(value) && checksumOf(value.slice(0, BODY_LENGTH)) === value.slice(BODY_LENGTH + 1);
}

/** A new token: the secret (shown once) and its display prefix (stored). */
export interface MintedApiToken {
  readonly secret: string;
  readonly displayPrefix: string;
}

/**
 * Mints a token from 32 CSPRNG bytes.
 *
 * @example
 * ```ts
 * const { secret, displayPrefix } = mintApiToken();
 * ```
 */
export function mintApiToken(): MintedApiToken {
  const body = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
  const secret = `${body}_${checksumOf(body)}`;
  return { secret, displayPrefix: secret.slice(0, API_TOKEN_DISPLAY_LENGTH) };
}
