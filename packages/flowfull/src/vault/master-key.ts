/**
 * @module The master key (`VAULT_MASTER_KEY`) that wraps every workspace's data key: parsed from a
 * PASERK `k4.local.` string or 32 bytes in base64url, identified by a short fingerprint so that a
 * wrapped key names the master key it needs. In development a key is generated once under
 * `DATA_DIR` (mode 0600); it is never printed or logged.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateKeyFile } from '../tokens/development-key-file.js';
import { VaultError } from './errors.js';

/** A parsed master key. */
export interface MasterKey {
  /** 16 hex characters of SHA-256 over the key: names the key in wrapped data keys, reveals nothing. */
  readonly id: string;
  /** The 32 key bytes. */
  readonly bytes: Buffer;
}

/** File name, inside `DATA_DIR`, of the generated development master key. */
export const DEVELOPMENT_MASTER_KEY_FILE = 'vault-master-key.json';

const PASERK_LOCAL = 'k4.local.';

/**
 * Parses a master key. Accepts `k4.local.<base64url>` (PASERK) or a bare base64url string, both of
 * exactly 32 bytes.
 *
 * @throws {VaultError} `ERR_VAULT_MASTER_KEY_INVALID`, naming the setting only (never the value).
 * @example
 * ```ts
 * const key = parseMasterKey(config.VAULT_MASTER_KEY);
 * ```
 */
export function parseMasterKey(text: string, name = 'VAULT_MASTER_KEY'): MasterKey {
  const body = text.startsWith(PASERK_LOCAL) ? text.slice(PASERK_LOCAL.length) : text;
  const bytes = /^[A-Za-z0-9_-]+$/.test(body) ? Buffer.from(body, 'base64url') : Buffer.alloc(0);
  if (bytes.length !== 32 || bytes.toString('base64url') !== body) {
    throw new VaultError(
      'ERR_VAULT_MASTER_KEY_INVALID',
      `${name} must be a k4.local PASERK or 32 bytes in base64url`,
    );
  }
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 16), bytes };
}

/**
 * A new master key in PASERK `k4.local.` form.
 *
 * @example
 * ```ts
 * const text = generateMasterKey(); // write it to a secret store, never to a log
 * ```
 */
export function generateMasterKey(): string {
  return `${PASERK_LOCAL}${randomBytes(32).toString('base64url')}`;
}

/** Settings {@link loadMasterKey} reads. */
export interface MasterKeySettings {
  readonly NODE_ENV: string;
  readonly DATA_DIR: string;
  readonly VAULT_MASTER_KEY: string | null;
}

/**
 * The configured master key; in development without one, the key in
 * `DATA_DIR/vault-master-key.json`, generated on first use with mode 0600.
 *
 * @throws {VaultError} `ERR_VAULT_MASTER_KEY_INVALID` when the key is malformed or, outside
 *   development, missing.
 * @example
 * ```ts
 * const master = await loadMasterKey(config);
 * ```
 */
export async function loadMasterKey(settings: MasterKeySettings): Promise<MasterKey> {
  if (settings.VAULT_MASTER_KEY !== null) return parseMasterKey(settings.VAULT_MASTER_KEY);
  if (settings.NODE_ENV !== 'development') {
    throw new VaultError('ERR_VAULT_MASTER_KEY_INVALID', 'Set VAULT_MASTER_KEY (see docs/session-vault.md)');
  }
  const path = join(settings.DATA_DIR, DEVELOPMENT_MASTER_KEY_FILE);
  const { fields } = await readOrCreateKeyFile(settings.DATA_DIR, path, async () => ({
    masterKey: generateMasterKey(),
  }));
  if (typeof fields.masterKey !== 'string') {
    throw new VaultError('ERR_VAULT_MASTER_KEY_INVALID', `${path} holds no master key`);
  }
  return parseMasterKey(fields.masterKey, path);
}
