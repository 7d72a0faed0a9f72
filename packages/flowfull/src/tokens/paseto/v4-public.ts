/**
 * @module PASETO v4.public: Ed25519 signatures through node:crypto.
 */
import { sign, verify } from 'node:crypto';
import { TokenInvalidError } from '../errors.js';
import { checkClaims } from './claims.js';
import { type PublicKeyInput, type SecretKeyInput, toPublicKeyObject, toSecretKeyObject } from './keys.js';
import type { CompleteResult, ConsumeOptions, ProduceOptions } from './options.js';
import { pae, writeLength } from './pae.js';
import {
  DEFAULT_MAX_TOKEN_LENGTH,
  footerBytes,
  footerText,
  type PasetoPayloadInput,
  parsePayload,
  payloadText,
  splitToken,
  textBytes,
} from './token-parts.js';

const HEADER = 'v4.public.';
const HEADER_BYTES = Buffer.from(HEADER);
const SIGNATURE_LENGTH = 64;

/**
 * Signs a payload as a `v4.public.` token (deterministic: the same inputs give the same token).
 *
 * @throws {TokenKeyInvalidError} when the key is not an Ed25519 secret key.
 * @throws {TokenPayloadInvalidError} when the payload is not a JSON object.
 */
export function signV4Public(
  payload: PasetoPayloadInput,
  secretKey: SecretKeyInput,
  options: ProduceOptions = {},
): string {
  const key = toSecretKeyObject(secretKey);
  const message = payloadText(payload);
  const footer = footerBytes(options.footer);
  const assertion = textBytes(options.assertion);
  // PAE(h, m, f, i) built in one buffer with the JSON text written straight into it: the hot path
  // then costs one serialisation, one allocation for PAE and one for the token body.
  const length = Buffer.byteLength(message, 'utf8');
  const messageAt = 8 + 8 + HEADER_BYTES.byteLength + 8;
  const preAuth = Buffer.allocUnsafe(messageAt + length + 8 + footer.byteLength + 8 + assertion.byteLength);
  writeLength(preAuth, 4, 0);
  writeLength(preAuth, HEADER_BYTES.byteLength, 8);
  HEADER_BYTES.copy(preAuth, 16);
  writeLength(preAuth, length, messageAt - 8);
  preAuth.write(message, messageAt, 'utf8');
  let offset = messageAt + length;
  writeLength(preAuth, footer.byteLength, offset);
  footer.copy(preAuth, offset + 8);
  offset += 8 + footer.byteLength;
  writeLength(preAuth, assertion.byteLength, offset);
  assertion.copy(preAuth, offset + 8);
  const signature = sign(null, preAuth, key);
  const body = Buffer.allocUnsafe(length + SIGNATURE_LENGTH);
  preAuth.copy(body, 0, messageAt, messageAt + length);
  signature.copy(body, length);
  const encoded = body.toString('base64url');
  return footer.byteLength === 0 ? HEADER + encoded : `${HEADER}${encoded}.${footer.toString('base64url')}`;
}

/**
 * Verifies a `v4.public.` token and returns its payload and footer, after checking its claims.
 *
 * @throws {TokenInvalidError} on a bad signature or a malformed token.
 * @throws {TokenWrongPurposeError} for another version or purpose.
 * @throws {TokenExpiredError | TokenNotYetValidError | TokenClaimInvalidError} from the claims.
 */
export function verifyV4Public(
  token: string,
  publicKey: PublicKeyInput,
  options: ConsumeOptions = {},
): CompleteResult {
  const key = toPublicKeyObject(publicKey);
  const { body, footer } = splitToken(token, HEADER, options.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH);
  if (body.byteLength < SIGNATURE_LENGTH) throw new TokenInvalidError('Token is too short');
  const split = body.byteLength - SIGNATURE_LENGTH;
  const message = body.subarray(0, split);
  const preAuth = pae([HEADER_BYTES, message, footer, textBytes(options.assertion)]);
  if (!verify(null, preAuth, key, body.subarray(split))) {
    throw new TokenInvalidError('Token signature verification failed');
  }
  const payload = parsePayload(message);
  checkClaims(payload, options);
  return { payload, footer: footerText(footer), version: 'v4', purpose: 'public' };
}
