/**
 * @module Minting personal API tokens in the shape `flowfull/bridge` checks:
 * `flw_pat_<43 base64url characters: 32 random bytes>_<8 hex digits: CRC32 of what precedes them>`.
 * The fixed prefix lets secret scanners find leaked tokens; the checksum lets them (and Flowfull and
 * this server) tell a real-looking token from a typo or a guess without a database look-up.
 */
import { API_TOKEN_PREFIX, apiTokenChecksum } from 'flowfull/bridge';
import { randomSecret } from '../secrets/opaque-secret.js';

export { API_TOKEN_PREFIX, isWellFormedApiToken, looksLikeApiToken } from 'flowfull/bridge';

/** Characters of a token shown back to its owner in lists (`flw_pat_` and the first 4 random ones). */
export const API_TOKEN_DISPLAY_LENGTH = API_TOKEN_PREFIX.length + 4;

/** A new token: the secret (shown once) and its display prefix (stored). */
export interface MintedApiToken {
  readonly secret: string;
  readonly displayPrefix: string;
}

/**
 * Mints a token from 32 CSPRNG bytes.
 */
export function mintApiToken(): MintedApiToken {
  const body = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
  const secret = `${body}_${apiTokenChecksum(body)}`;
  return { secret, displayPrefix: secret.slice(0, API_TOKEN_DISPLAY_LENGTH) };
}
