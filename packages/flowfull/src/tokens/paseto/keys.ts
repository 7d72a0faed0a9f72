/**
 * @module Turns the key forms PASETO v4 accepts (raw bytes, PASERK strings, node KeyObjects) into
 * what the primitives use: Ed25519 KeyObjects for v4.public, 32 raw bytes for v4.local.
 */
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { TokenKeyInvalidError } from '../errors.js';
import { KeyImportCache } from './key-cache.js';
import { decodePaserk } from './paserk.js';

/** A v4.public verification key: 32 raw bytes, a `k4.public.` PASERK, or an Ed25519 public KeyObject. */
export type PublicKeyInput = Uint8Array | string | KeyObject;

/**
 * A v4.public signing key: 64 raw bytes (seed then public key) or a 32-byte seed, a `k4.secret.`
 * PASERK, or an Ed25519 private KeyObject.
 */
export type SecretKeyInput = Uint8Array | string | KeyObject;

/** A v4.local key: 32 raw bytes, a `k4.local.` PASERK, or a 32-byte secret KeyObject. */
export type LocalKeyInput = Uint8Array | string | KeyObject;

// DER prefixes of an Ed25519 PKCS#8 private key and SPKI public key (RFC 8410), before the 32 raw bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

// Each kind is imported once per key, whatever form it comes in (see KeyImportCache).
const secretKeys = new KeyImportCache(privateFromBytes);
const publicKeys = new KeyImportCache(publicFromBytes);

function isKeyObject(value: unknown): value is KeyObject {
  return value instanceof KeyObject;
}

/**
 * The raw 32-byte Ed25519 public key of a public or private KeyObject.
 *
 * @example
 * ```ts
 * rawPublicKey(toPublicKeyObject('k4.public.…')).length; // 32
 * ```
 */
export function rawPublicKey(key: KeyObject): Buffer {
  const x = key.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new TokenKeyInvalidError('Not an Ed25519 key');
  return Buffer.from(x, 'base64url');
}

/**
 * The raw 64-byte Ed25519 secret key (seed then public key) of a private KeyObject.
 *
 * @example
 * ```ts
 * rawSecretKey(toSecretKeyObject(seed)).length; // 64
 * ```
 */
export function rawSecretKey(key: KeyObject): Buffer {
  const { d, x } = key.export({ format: 'jwk' });
  if (typeof d !== 'string' || typeof x !== 'string')
    throw new TokenKeyInvalidError('Not an Ed25519 private key');
  return Buffer.concat([Buffer.from(d, 'base64url'), Buffer.from(x, 'base64url')]);
}

function privateFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function privateFromBytes(bytes: Uint8Array): KeyObject {
  if (bytes.byteLength === 32) return privateFromSeed(bytes);
  if (bytes.byteLength !== 64)
    throw new TokenKeyInvalidError('An Ed25519 secret key must be 64 bytes (or a 32-byte seed)');
  const key = privateFromSeed(bytes.subarray(0, 32));
  // The second half must be the seed's own public key, or the key pair is inconsistent.
  if (!rawPublicKey(key).equals(bytes.subarray(32))) {
    throw new TokenKeyInvalidError('The secret key does not match its public half');
  }
  return key;
}

/**
 * Imports a v4.public signing key as an Ed25519 private KeyObject.
 *
 * @throws {TokenKeyInvalidError} on a wrong length, PASERK type or KeyObject type.
 * @example
 * ```ts
 * const secretKey = toSecretKeyObject('k4.secret.…');
 * ```
 */
export function toSecretKeyObject(input: SecretKeyInput): KeyObject {
  if (typeof input === 'string') return secretKeys.text(input, secretPaserkBytes);
  if (isKeyObject(input)) return secretKeys.object(input, checkPrivateKeyObject);
  if (input instanceof Uint8Array) return secretKeys.bytes(input);
  throw new TokenKeyInvalidError('Unsupported secret key: expected bytes, a k4.secret PASERK or a KeyObject');
}

function secretPaserkBytes(paserk: string): Uint8Array {
  const { type, key } = decodePaserk(paserk);
  if (type !== 'k4.secret') throw new TokenKeyInvalidError(`Expected a k4.secret key, got ${type}`);
  return key;
}

function checkPrivateKeyObject(key: KeyObject): KeyObject {
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new TokenKeyInvalidError('Expected an Ed25519 private KeyObject');
  }
  return key;
}

/**
 * Imports a v4.public verification key as an Ed25519 public KeyObject.
 *
 * @throws {TokenKeyInvalidError} on a wrong length, PASERK type or KeyObject type.
 * @example
 * ```ts
 * const publicKey = toPublicKeyObject('k4.public.…');
 * ```
 */
export function toPublicKeyObject(input: PublicKeyInput): KeyObject {
  if (typeof input === 'string') return publicKeys.text(input, publicPaserkBytes);
  if (isKeyObject(input)) return publicKeys.object(input, checkPublicKeyObject);
  if (input instanceof Uint8Array) return publicKeys.bytes(input);
  throw new TokenKeyInvalidError('Unsupported public key: expected bytes, a k4.public PASERK or a KeyObject');
}

function publicPaserkBytes(paserk: string): Uint8Array {
  const { type, key } = decodePaserk(paserk);
  if (type !== 'k4.public') throw new TokenKeyInvalidError(`Expected a k4.public key, got ${type}`);
  return key;
}

function checkPublicKeyObject(key: KeyObject): KeyObject {
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') {
    throw new TokenKeyInvalidError('Expected an Ed25519 public KeyObject');
  }
  return key;
}

function publicFromBytes(bytes: Uint8Array): KeyObject {
  if (bytes.byteLength !== 32) throw new TokenKeyInvalidError('An Ed25519 public key must be 32 bytes');
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new TokenKeyInvalidError('Not a valid Ed25519 public key', { cause });
  }
}

/**
 * Imports a v4.local key as its 32 raw bytes.
 *
 * @throws {TokenKeyInvalidError} on a wrong length, PASERK type or KeyObject type.
 * @example
 * ```ts
 * const localKey = toLocalKeyBytes('k4.local.…');
 * ```
 */
export function toLocalKeyBytes(input: LocalKeyInput): Uint8Array {
  if (typeof input === 'string') return localPaserkBytes(input);
  if (isKeyObject(input)) return localKeyObjectBytes(input);
  if (input instanceof Uint8Array) return checkLocalBytes(input);
  throw new TokenKeyInvalidError('Unsupported local key: expected bytes, a k4.local PASERK or a KeyObject');
}

/**
 * Imports a v4.local key through `cache`, which keeps per key whatever its caller derives from the
 * 32 raw bytes (v4.local keeps keyed BLAKE2b states), so that no form is derived again per token.
 *
 * @throws {TokenKeyInvalidError} on a wrong length, PASERK type or KeyObject type.
 */
export function importLocalKey<T>(input: LocalKeyInput, cache: KeyImportCache<T>): T {
  if (typeof input === 'string') return cache.text(input, localPaserkBytes);
  if (isKeyObject(input)) return cache.object(input, (key) => cache.content(localKeyObjectBytes(key)));
  if (input instanceof Uint8Array) return cache.bytes(checkLocalBytes(input));
  throw new TokenKeyInvalidError('Unsupported local key: expected bytes, a k4.local PASERK or a KeyObject');
}

function localPaserkBytes(paserk: string): Uint8Array {
  const { type, key } = decodePaserk(paserk);
  if (type !== 'k4.local') throw new TokenKeyInvalidError(`Expected a k4.local key, got ${type}`);
  return key;
}

function localKeyObjectBytes(key: KeyObject): Uint8Array {
  if (key.type !== 'secret' || key.symmetricKeySize !== 32) {
    throw new TokenKeyInvalidError('Expected a 32-byte secret KeyObject');
  }
  return key.export();
}

function checkLocalBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength !== 32) throw new TokenKeyInvalidError('A v4.local key must be 32 bytes');
  return bytes;
}
