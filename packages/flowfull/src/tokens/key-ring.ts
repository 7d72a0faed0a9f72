/**
 * @module The keys of a trust token issuer: one signing key, and the accepted verification keys
 * indexed by their PASERK id (`k4.pid`), which tokens carry in their footer as `kid`.
 */
import type { KeyObject } from 'node:crypto';
import { TokenKeyInvalidError } from './errors.js';
import {
  type PublicKeyInput,
  rawPublicKey,
  type SecretKeyInput,
  toPublicKeyObject,
  toSecretKeyObject,
} from './paseto/keys.js';
import { encodePaserk, paserkId } from './paseto/paserk.js';

/** The keys of `createTrustTokens`. */
export interface TrustTokenKeys {
  /** Signs new tokens. Leave it out (or `null`) for an instance that only verifies. @default null */
  secretKey?: SecretKeyInput | null;
  /**
   * Further accepted verification keys: the previous keys while rotating, or the issuer's keys on a
   * verify-only service. The secret key's own public key is always accepted. @default []
   */
  publicKeys?: readonly PublicKeyInput[];
}

/** Resolved keys: the signer with its `kid`, and every accepted key by `kid`. */
export interface KeyRing {
  /** The signing key and its `kid`, or `null` on a verify-only instance. */
  readonly signer: { readonly key: KeyObject; readonly kid: string } | null;
  /** Accepted verification keys by `kid`. */
  readonly verifiers: ReadonlyMap<string, KeyObject>;
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
 * Imports and indexes the keys.
 *
 * @throws {TokenKeyInvalidError} when a key is malformed or there is no key at all.
 * @example
 * ```ts
 * const ring = createKeyRing({ secretKey: newKey, publicKeys: [previousPublicKey] });
 * ```
 */
export function createKeyRing(keys: TrustTokenKeys): KeyRing {
  const verifiers = new Map<string, KeyObject>();
  let signer: KeyRing['signer'] = null;
  if (keys.secretKey !== undefined && keys.secretKey !== null) {
    const key = toSecretKeyObject(keys.secretKey);
    const publicKey = toPublicKeyObject(rawPublicKey(key));
    const kid = publicKeyId(publicKey);
    signer = { key, kid };
    verifiers.set(kid, publicKey);
  }
  for (const input of keys.publicKeys ?? []) {
    const publicKey = toPublicKeyObject(input);
    verifiers.set(publicKeyId(publicKey), publicKey);
  }
  if (verifiers.size === 0) {
    throw new TokenKeyInvalidError(
      'Trust tokens need a secret key, or at least one public key to verify with',
    );
  }
  return { signer, verifiers };
}
