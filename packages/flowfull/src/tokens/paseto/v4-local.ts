/**
 * @module PASETO v4.local: XChaCha20 with a keyed BLAKE2b tag (encrypt-then-MAC).
 *
 * node:crypto has neither XChaCha20 nor keyed BLAKE2b, so both come from the audited
 * @noble/ciphers and @noble/hashes; the tag comparison is node's constant-time one.
 */
import { randomFillSync, timingSafeEqual } from 'node:crypto';
import { xchacha20 } from '@noble/ciphers/chacha.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { TokenInvalidError, TokenKeyInvalidError } from '../errors.js';
import { checkClaims } from './claims.js';
import { KeyImportCache } from './key-cache.js';
import { importLocalKey, type LocalKeyInput } from './keys.js';
import type { CompleteResult, ConsumeOptions, ProduceOptions } from './options.js';
import { pae } from './pae.js';
import {
  DEFAULT_MAX_TOKEN_LENGTH,
  footerBytes,
  footerText,
  type PasetoPayloadInput,
  parsePayload,
  payloadBytes,
  splitToken,
  textBytes,
} from './token-parts.js';

const HEADER = 'v4.local.';
const HEADER_BYTES = Buffer.from(HEADER);
const NONCE_LENGTH = 32;
const TAG_LENGTH = 32;
const ENCRYPTION_KEY_INFO = Buffer.from('paseto-encryption-key');
const AUTH_KEY_INFO = Buffer.from('paseto-auth-key-for-aead');

// One CSPRNG call per 128 nonces instead of one per token: the call, not the bytes, is what costs.
// Each slice is handed out once and the pool is refilled when spent.
const NONCE_POOL = Buffer.alloc(NONCE_LENGTH * 128);
let noncePoolOffset = NONCE_POOL.byteLength;

function freshNonce(): Buffer {
  if (noncePoolOffset === NONCE_POOL.byteLength) {
    randomFillSync(NONCE_POOL);
    noncePoolOffset = 0;
  }
  const nonce = Buffer.from(NONCE_POOL.subarray(noncePoolOffset, noncePoolOffset + NONCE_LENGTH));
  NONCE_POOL.fill(0, noncePoolOffset, noncePoolOffset + NONCE_LENGTH);
  noncePoolOffset += NONCE_LENGTH;
  return nonce;
}

type Blake2bState = ReturnType<typeof blake2b.create>;

interface KeyedStates {
  /** BLAKE2b keyed with the key, output 56 bytes, already fed the encryption-key prefix. */
  readonly encryption: Blake2bState;
  /** BLAKE2b keyed with the key, output 32 bytes, already fed the auth-key prefix. */
  readonly auth: Blake2bState;
}

// Both key derivations hash a fixed prefix under the same key, so their states after the key block
// and the prefix are computed once per key (whatever form the key is given in) and cloned per
// token: two BLAKE2b compressions saved.
const keyedStates = new KeyImportCache(
  (key: Uint8Array): KeyedStates => ({
    encryption: blake2b.create({ key, dkLen: 56 }).update(ENCRYPTION_KEY_INFO),
    auth: blake2b.create({ key, dkLen: 32 }).update(AUTH_KEY_INFO),
  }),
);

interface DerivedKeys {
  readonly encryptionKey: Uint8Array;
  readonly counterNonce: Uint8Array;
  readonly authKey: Uint8Array;
}

function deriveKeys(states: KeyedStates, nonce: Uint8Array): DerivedKeys {
  const derived = states.encryption.clone().update(nonce).digest();
  return {
    encryptionKey: derived.subarray(0, 32),
    counterNonce: derived.subarray(32),
    authKey: states.auth.clone().update(nonce).digest(),
  };
}

/**
 * Encrypts a payload as a `v4.local.` token. `nonce` exists for the conformance vectors only: in
 * any other use leave it out, and a fresh random one is drawn.
 *
 * @throws {TokenKeyInvalidError} when the key is not a 32-byte local key.
 * @throws {TokenPayloadInvalidError} when the payload is not a JSON object.
 */
export function encryptV4Local(
  payload: PasetoPayloadInput,
  localKey: LocalKeyInput,
  options: ProduceOptions = {},
  nonce: Uint8Array = freshNonce(),
): string {
  const states = importLocalKey(localKey, keyedStates);
  if (nonce.byteLength !== NONCE_LENGTH) throw new TokenKeyInvalidError('A v4.local nonce must be 32 bytes');
  const message = payloadBytes(payload);
  const footer = footerBytes(options.footer);
  const { encryptionKey, counterNonce, authKey } = deriveKeys(states, nonce);
  const ciphertext = xchacha20(encryptionKey, counterNonce, message);
  const preAuth = pae([HEADER_BYTES, nonce, ciphertext, footer, textBytes(options.assertion)]);
  const tag = blake2b(preAuth, { key: authKey, dkLen: TAG_LENGTH });
  const body = Buffer.concat([nonce, ciphertext, tag]).toString('base64url');
  return footer.byteLength === 0 ? HEADER + body : `${HEADER}${body}.${footer.toString('base64url')}`;
}

/**
 * Authenticates and decrypts a `v4.local.` token, then checks its claims.
 *
 * @throws {TokenInvalidError} when the tag does not match or the token is malformed.
 * @throws {TokenWrongPurposeError} for another version or purpose.
 * @throws {TokenExpiredError | TokenNotYetValidError | TokenClaimInvalidError} from the claims.
 */
export function decryptV4Local(
  token: string,
  localKey: LocalKeyInput,
  options: ConsumeOptions = {},
): CompleteResult {
  const states = importLocalKey(localKey, keyedStates);
  const { body, footer } = splitToken(token, HEADER, options.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH);
  if (body.byteLength < NONCE_LENGTH + TAG_LENGTH) throw new TokenInvalidError('Token is too short');
  const nonce = body.subarray(0, NONCE_LENGTH);
  const ciphertext = body.subarray(NONCE_LENGTH, body.byteLength - TAG_LENGTH);
  const tag = body.subarray(body.byteLength - TAG_LENGTH);
  const { encryptionKey, counterNonce, authKey } = deriveKeys(states, nonce);
  const preAuth = pae([HEADER_BYTES, nonce, ciphertext, footer, textBytes(options.assertion)]);
  const expected = blake2b(preAuth, { key: authKey, dkLen: TAG_LENGTH });
  if (!timingSafeEqual(expected, tag)) throw new TokenInvalidError('Token authentication failed');
  const payload = parsePayload(xchacha20(encryptionKey, counterNonce, ciphertext));
  checkClaims(payload, options);
  return { payload, footer: footerText(footer), version: 'v4', purpose: 'local' };
}
