/**
 * @module The keys of a trust token issuer, for either purpose: `public` (one Ed25519 signing key,
 * verification keys by PASERK id `k4.pid`) or `local` (one encryption key, accepted keys by `k4.lid`).
 * Tokens carry the id in their footer as `kid`.
 */
import type { KeyObject } from 'node:crypto';
import { TokenKeyInvalidError } from './errors.js';
import {
  type LocalKeyInput,
  type PublicKeyInput,
  rawPublicKey,
  type SecretKeyInput,
  toLocalKeyBytes,
  toPublicKeyObject,
  toSecretKeyObject,
} from './paseto/keys.js';
import type { CompleteResult, ConsumeOptions } from './paseto/options.js';
import { encodePaserk, paserkId } from './paseto/paserk.js';
import { decryptV4Local, encryptV4Local } from './paseto/v4-local.js';
import { signV4Public, verifyV4Public } from './paseto/v4-public.js';

/** The keys of `createTrustTokens`. */
export interface TrustTokenKeys {
  /** Signs new `public` tokens. Leave it out (or `null`) for an instance that only verifies. @default null */
  secretKey?: SecretKeyInput | null;
  /**
   * Further accepted verification keys: the previous keys while rotating, or the issuer's keys on a
   * verify-only service. The secret key's own public key is always accepted. @default []
   */
  publicKeys?: readonly PublicKeyInput[];
  /** Encrypts and decrypts `local` tokens (`k4.local`); ignored by `public` instances. @default null */
  localKey?: LocalKeyInput | null;
  /** Further accepted `local` keys: the previous ones while rotating. @default [] */
  previousLocalKeys?: readonly LocalKeyInput[];
}

/** `public`: signed (v4.public), readable by anyone. `local`: encrypted (v4.local), shared key. */
export type TrustTokenPurpose = 'public' | 'local';

/** Opens (verifies or decrypts) a token under one key. */
export type TokenOpener = (token: string, options: ConsumeOptions) => CompleteResult;

/** Resolved keys: the sealer with its `kid`, and every accepted key by `kid`. */
export interface KeyRing {
  /** Token header of this purpose: `'v4.public.'` or `'v4.local.'`. */
  readonly header: 'v4.public.' | 'v4.local.';
  /** Prefix of the `kid`s of this purpose: `'k4.pid.'` or `'k4.lid.'`. */
  readonly kidPrefix: 'k4.pid.' | 'k4.lid.';
  /** Signs or encrypts a payload with a footer naming its `kid`; `null` on a verify-only instance. */
  readonly sealer: { readonly kid: string; seal(payload: Record<string, unknown>): string } | null;
  /** Accepted keys by `kid`. */
  readonly openers: ReadonlyMap<string, TokenOpener>;
}

/**
 * The `kid` of an Ed25519 public key: its PASERK `k4.pid`.
 *
 * @example
 * ```ts
 * publicKeyId(toPublicKeyObject('k4.public.…')); // 'k4.pid.…'
 * ```
 */
export function publicKeyId(key: KeyObject): string {
  return paserkId(encodePaserk('k4.public', rawPublicKey(key)));
}

/**
 * The `kid` of a local key: its PASERK `k4.lid` (a digest, safe to publish).
 *
 * @example
 * ```ts
 * localKeyId('k4.local.…'); // 'k4.lid.…'
 * ```
 */
export function localKeyId(key: LocalKeyInput): string {
  return paserkId(encodePaserk('k4.local', toLocalKeyBytes(key)));
}

function publicRing(keys: TrustTokenKeys): KeyRing {
  const openers = new Map<string, TokenOpener>();
  const accept = (publicKey: KeyObject): string => {
    const kid = publicKeyId(publicKey);
    openers.set(kid, (token, options) => verifyV4Public(token, publicKey, options));
    return kid;
  };
  let sealer: KeyRing['sealer'] = null;
  if (keys.secretKey !== undefined && keys.secretKey !== null) {
    const key = toSecretKeyObject(keys.secretKey);
    const kid = accept(toPublicKeyObject(rawPublicKey(key)));
    sealer = { kid, seal: (payload) => signV4Public(payload, key, { footer: { kid } }) };
  }
  for (const input of keys.publicKeys ?? []) accept(toPublicKeyObject(input));
  if (openers.size === 0) {
    throw new TokenKeyInvalidError(
      'Trust tokens need a secret key, or at least one public key to verify with',
    );
  }
  return { header: 'v4.public.', kidPrefix: 'k4.pid.', sealer, openers };
}

function localRing(keys: TrustTokenKeys): KeyRing {
  if (keys.localKey === undefined || keys.localKey === null) {
    throw new TokenKeyInvalidError('Local trust tokens need a local key (k4.local)');
  }
  const openers = new Map<string, TokenOpener>();
  const accept = (input: LocalKeyInput): { key: Uint8Array; kid: string } => {
    // A copy, so that a caller reusing its buffer cannot change the key under the ring.
    const key = Uint8Array.from(toLocalKeyBytes(input));
    const kid = localKeyId(key);
    openers.set(kid, (token, options) => decryptV4Local(token, key, options));
    return { key, kid };
  };
  const { key, kid } = accept(keys.localKey);
  for (const input of keys.previousLocalKeys ?? []) accept(input);
  const sealer = {
    kid,
    seal: (payload: Record<string, unknown>) => encryptV4Local(payload, key, { footer: { kid } }),
  };
  return { header: 'v4.local.', kidPrefix: 'k4.lid.', sealer, openers };
}

/**
 * Imports and indexes the keys of one purpose.
 *
 * @throws {TokenKeyInvalidError} when a key is malformed or the purpose has no key at all.
 */
export function createKeyRing(keys: TrustTokenKeys, purpose: TrustTokenPurpose = 'public'): KeyRing {
  if (typeof keys !== 'object' || keys === null) {
    throw new TokenKeyInvalidError('Trust tokens need keys');
  }
  return purpose === 'local' ? localRing(keys) : publicRing(keys);
}
