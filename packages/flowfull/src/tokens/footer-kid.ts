/**
 * @module Reads the `kid` a trust token's footer names, before verification picks the key by it.
 */
import { TokenDuplicateKeyError, TokenInvalidError, TokenUnknownKeyError } from './errors.js';
import { decodeBase64Url } from './paseto/base64url.js';
import { hasDuplicateKey } from './paseto/json-duplicate-keys.js';
import { splitToken } from './paseto/token-parts.js';

/** Footers longer than this (decoded) are rejected before JSON parsing. */
const MAX_FOOTER_LENGTH = 512;
// A footer is unauthenticated until the signature is checked: it must never carry keys (PASETO
// forbids PASERK keys in footers); a verifier that trusted one would let anyone choose the key.
const KEY_MATERIAL = /k[0-9]+\.(?:local|public|secret)\./;

/**
 * Returns the `kid` of a token's JSON footer (`{"kid":"k4.pid.…"}` on `v4.public.` tokens,
 * `{"kid":"k4.lid.…"}` on `v4.local.` ones).
 *
 * @throws {TokenWrongPurposeError} when the token has another version or purpose than `header`.
 * @throws {TokenUnknownKeyError} when the token has no footer or the footer no `kid` of `kidPrefix`.
 * @throws {TokenInvalidError} when the footer is malformed, oversized or carries key material.
 * @throws {TokenDuplicateKeyError} when the footer has a duplicate key.
 */
export function readFooterKid(token: string, header: string, kidPrefix: string): string {
  // Another purpose or garbage: splitToken throws the same errors for it as V4 does.
  if (!token.startsWith(header)) splitToken(token, header, token.length);
  const last = token.lastIndexOf('.');
  // "v4.<purpose>.<body>.<footer>": a footer exists when the last dot comes after the header's.
  if (last < header.length) throw new TokenUnknownKeyError('Token names no key');
  const encoded = token.slice(last + 1);
  if (encoded.length > Math.ceil((MAX_FOOTER_LENGTH * 4) / 3))
    throw new TokenInvalidError('Token footer is too long');
  const bytes = decodeBase64Url(encoded);
  if (bytes === null) throw new TokenInvalidError('Token is not canonical base64url');
  const text = bytes.toString('utf8');
  if (KEY_MATERIAL.test(text)) throw new TokenInvalidError('Token footer carries key material');
  let footer: unknown;
  try {
    footer = JSON.parse(text);
  } catch (cause) {
    throw new TokenInvalidError('Token footer is not JSON', { cause });
  }
  // Two kids would let this reader pick one key while another parser picks the other.
  if (hasDuplicateKey(text, footer)) throw new TokenDuplicateKeyError('footer');
  const kid = typeof footer === 'object' && footer !== null && 'kid' in footer ? footer.kid : undefined;
  if (typeof kid !== 'string' || !kid.startsWith(kidPrefix))
    throw new TokenUnknownKeyError('Token names no key');
  return kid;
}
