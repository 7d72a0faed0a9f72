/**
 * @module Envelope encryption: each workspace has a 256-bit data key, stored wrapped (AES-256-GCM)
 * by the master key; values are sealed with AES-256-GCM under the data key with their place
 * (workspace, application, user, key name, version) as associated data, so a ciphertext copied to
 * another row, user or version does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { VaultError } from './errors.js';
import type { MasterKey } from './master-key.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAP_FORMAT = 'v1';

/** Where a value lives; bound into its ciphertext as associated data. */
export interface ValuePlace {
  readonly workspaceId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly keyName: string;
  readonly version: number;
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer, what: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) {
    throw new VaultError('ERR_VAULT_DECRYPT_FAILED', `${what} is truncated`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (error) {
    throw new VaultError('ERR_VAULT_DECRYPT_FAILED', `${what} does not open under this key`, {
      cause: error,
    });
  }
}

const wrapAad = (workspaceId: string): Buffer =>
  Buffer.from(`flowfull-vault:data-key:${WRAP_FORMAT}:${workspaceId}`);

const valueAad = (place: ValuePlace): Buffer =>
  Buffer.from(
    JSON.stringify([
      'flowfull-vault:value:v1',
      place.workspaceId,
      place.applicationId,
      place.userId,
      place.keyName,
      place.version,
    ]),
  );

/** A new random 256-bit data key. */
export function generateDataKey(): Buffer {
  return randomBytes(32);
}

/**
 * Wraps a workspace's data key under the master key: `v1.<master id>.<base64url>`.
 *
 * @example
 * ```ts
 * const wrapped = wrapDataKey(master, workspaceId, generateDataKey());
 * ```
 */
export function wrapDataKey(master: MasterKey, workspaceId: string, dataKey: Buffer): string {
  return `${WRAP_FORMAT}.${master.id}.${seal(master.bytes, dataKey, wrapAad(workspaceId)).toString('base64url')}`;
}

/** The id of the master key a wrapped data key needs. */
export function wrappingKeyId(wrapped: string): string {
  return wrapped.split('.')[1] ?? '';
}

/**
 * Unwraps a data key with whichever of `masters` wrapped it.
 *
 * @throws {VaultError} `ERR_VAULT_MASTER_KEY_UNKNOWN` when no given key has its id;
 *   `ERR_VAULT_DECRYPT_FAILED` when it does not open (tampered, or another workspace's key).
 * @example
 * ```ts
 * const dataKey = unwrapDataKey([master], workspaceId, row.wrapped_data_key);
 * ```
 */
export function unwrapDataKey(masters: readonly MasterKey[], workspaceId: string, wrapped: string): Buffer {
  const [format, id, body] = wrapped.split('.');
  const master = masters.find((key) => key.id === id);
  if (format !== WRAP_FORMAT || body === undefined) {
    throw new VaultError('ERR_VAULT_DECRYPT_FAILED', 'wrapped data key has an unknown format');
  }
  if (master === undefined) {
    throw new VaultError('ERR_VAULT_MASTER_KEY_UNKNOWN', `no configured master key has id ${String(id)}`);
  }
  return open(master.bytes, Buffer.from(body, 'base64url'), wrapAad(workspaceId), 'data key');
}

/**
 * Encrypts a value for its place; returns base64url of iv ‖ ciphertext ‖ tag.
 *
 * @example
 * ```ts
 * const ciphertext = encryptValue(dataKey, place, Buffer.from(json));
 * ```
 */
export function encryptValue(dataKey: Buffer, place: ValuePlace, plaintext: Buffer): string {
  return seal(dataKey, plaintext, valueAad(place)).toString('base64url');
}

/**
 * Decrypts a value read from `place`.
 *
 * @throws {VaultError} `ERR_VAULT_DECRYPT_FAILED` when the ciphertext was made for another place or key.
 * @example
 * ```ts
 * const plaintext = decryptValue(dataKey, place, row.ciphertext);
 * ```
 */
export function decryptValue(dataKey: Buffer, place: ValuePlace, ciphertext: string): Buffer {
  return open(dataKey, Buffer.from(ciphertext, 'base64url'), valueAad(place), 'value');
}
