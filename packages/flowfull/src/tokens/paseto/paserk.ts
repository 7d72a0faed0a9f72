/**
 * @module PASERK serialisation of version 4 keys (`k4.local`, `k4.public`, `k4.secret`) and their
 * ids (`k4.lid`, `k4.pid`, `k4.sid`).
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { TokenKeyInvalidError } from '../errors.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';

/** The PASERK types that hold a version 4 key. */
export type PaserkKeyType = 'k4.local' | 'k4.public' | 'k4.secret';

/** The PASERK types that name a version 4 key without revealing it. */
export type PaserkIdType = 'k4.lid' | 'k4.pid' | 'k4.sid';

/** A decoded PASERK key: its type and raw bytes (64 bytes, seed then public key, for `k4.secret`). */
export interface DecodedPaserk {
  /** Which kind of key the bytes are. */
  readonly type: PaserkKeyType;
  /** The raw key. */
  readonly key: Buffer;
}

const KEY_LENGTH: Readonly<Record<PaserkKeyType, number>> = {
  'k4.local': 32,
  'k4.public': 32,
  'k4.secret': 64,
};

const ID_TYPE: Readonly<Record<PaserkKeyType, PaserkIdType>> = {
  'k4.local': 'k4.lid',
  'k4.public': 'k4.pid',
  'k4.secret': 'k4.sid',
};

function isKeyType(value: string): value is PaserkKeyType {
  return value === 'k4.local' || value === 'k4.public' || value === 'k4.secret';
}

/**
 * Serialises a raw version 4 key as PASERK.
 *
 * @throws {TokenKeyInvalidError} when the key does not have the type's length (32 bytes, 64 for `k4.secret`).
 * @example
 * ```ts
 * encodePaserk('k4.local', new Uint8Array(32)); // 'k4.local.AAAA…'
 * ```
 */
export function encodePaserk(type: PaserkKeyType, key: Uint8Array): string {
  if (!isKeyType(type)) throw new TokenKeyInvalidError(`Unsupported PASERK type: ${String(type)}`);
  if (!(key instanceof Uint8Array) || key.byteLength !== KEY_LENGTH[type]) {
    throw new TokenKeyInvalidError(`A ${type} key must be ${KEY_LENGTH[type]} bytes`);
  }
  return `${type}.${encodeBase64Url(key)}`;
}

/**
 * Parses a `k4.local`, `k4.public` or `k4.secret` PASERK string. Other versions, other types,
 * non-canonical base64url and wrong lengths are rejected.
 *
 * @throws {TokenKeyInvalidError} when the string is not such a PASERK (the message never echoes it).
 * @example
 * ```ts
 * const { type, key } = decodePaserk(process.env.TRUST_TOKEN_LOCAL_KEY!); // type 'k4.local', 32 bytes
 * ```
 */
export function decodePaserk(paserk: string): DecodedPaserk {
  if (typeof paserk !== 'string') throw new TokenKeyInvalidError('A PASERK key must be a string');
  const second = paserk.indexOf('.', 3);
  const type = second === -1 ? '' : paserk.slice(0, second);
  if (!isKeyType(type)) {
    throw new TokenKeyInvalidError('Not a k4.local, k4.public or k4.secret PASERK key');
  }
  const key = decodeBase64Url(paserk.slice(second + 1));
  if (key === null || key.byteLength !== KEY_LENGTH[type]) {
    throw new TokenKeyInvalidError(`Malformed ${type} PASERK key`);
  }
  return { type, key };
}

/**
 * The PASERK id of a key (`k4.lid`, `k4.pid` or `k4.sid`): a BLAKE2b-264 digest of the key's
 * PASERK, safe to publish (e.g. as a token footer's `kid`).
 *
 * @throws {TokenKeyInvalidError} when `paserk` is not a valid version 4 PASERK key.
 * @example
 * ```ts
 * paserkId('k4.public.cHFyc3R1dnd4eXp7fH1-f4CBgoOEhYaHiImKi4yNjo8'); // 'k4.pid.9ShR3xc8-…'
 * ```
 */
export function paserkId(paserk: string): string {
  const { type } = decodePaserk(paserk);
  const header = `${ID_TYPE[type]}.`;
  const digest = blake2b(Buffer.from(header + paserk, 'utf8'), { dkLen: 33 });
  return header + encodeBase64Url(digest);
}

/**
 * Whether `value` is a well-formed PASERK key of `type`: for checking configuration up front. It
 * never throws, and what it returns says nothing about the key beyond its form.
 *
 * @example
 * ```ts
 * if (!isPaserk(env.TRUST_TOKEN_SECRET_KEY, 'k4.secret')) issues.push('TRUST_TOKEN_SECRET_KEY');
 * ```
 */
export function isPaserk(value: unknown, type: PaserkKeyType): boolean {
  if (typeof value !== 'string' || !value.startsWith(`${type}.`)) return false;
  const key = decodeBase64Url(value.slice(type.length + 1));
  return key !== null && key.byteLength === KEY_LENGTH[type];
}
