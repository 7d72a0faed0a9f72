/**
 * @module Fresh PASETO v4 keys, as PASERK strings or node KeyObjects.
 */
import { createSecretKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { TokenKeyInvalidError } from '../errors.js';
import { rawPublicKey, rawSecretKey } from './keys.js';
import { encodePaserk } from './paserk.js';

/** How `generateKey` returns keys. */
export interface GenerateKeyOptions<Format extends 'paserk' | 'keyobject' = 'paserk' | 'keyobject'> {
  /** `'paserk'` for `k4.*` strings (ready for environment variables), `'keyobject'` for node KeyObjects. @default 'paserk' */
  format?: Format;
}

/** A v4.public key pair. */
export interface KeyPair<Key> {
  /** Signs tokens; keep it secret. */
  readonly secretKey: Key;
  /** Verifies tokens; safe to share. */
  readonly publicKey: Key;
}

/**
 * Generates a v4.public Ed25519 key pair or a v4.local 32-byte key.
 *
 * @throws {TokenKeyInvalidError} on an unknown purpose.
 */
export async function generateKey(
  purpose: 'public',
  options?: GenerateKeyOptions<'paserk'>,
): Promise<KeyPair<string>>;
export async function generateKey(
  purpose: 'public',
  options: GenerateKeyOptions<'keyobject'>,
): Promise<KeyPair<KeyObject>>;
export async function generateKey(purpose: 'local', options?: GenerateKeyOptions<'paserk'>): Promise<string>;
export async function generateKey(
  purpose: 'local',
  options: GenerateKeyOptions<'keyobject'>,
): Promise<KeyObject>;
export async function generateKey(
  purpose: 'public' | 'local',
  options: GenerateKeyOptions = {},
): Promise<KeyPair<string> | KeyPair<KeyObject> | string | KeyObject> {
  const format = options.format ?? 'paserk';
  if (format !== 'paserk' && format !== 'keyobject') {
    throw new TypeError(`generateKey: format must be 'paserk' or 'keyobject', got ${String(format)}`);
  }
  if (purpose === 'local') {
    const key = randomBytes(32);
    return format === 'paserk' ? encodePaserk('k4.local', key) : createSecretKey(key);
  }
  if (purpose !== 'public') throw new TokenKeyInvalidError(`Unknown PASETO purpose: ${String(purpose)}`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  if (format === 'keyobject') return { secretKey: privateKey, publicKey };
  return {
    secretKey: encodePaserk('k4.secret', rawSecretKey(privateKey)),
    publicKey: encodePaserk('k4.public', rawPublicKey(publicKey)),
  };
}
