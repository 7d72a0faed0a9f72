/**
 * @module SessionVault: the vault's parts built once over one database — data keys, values,
 * the access log — for the route factories and the command line.
 */
import type { Kysely } from 'kysely';
import { AccessLog, type AccessLogOptions } from './access-log.js';
import { DataKeys } from './data-keys.js';
import type { MasterKey } from './master-key.js';
import { ValueStore } from './value-store.js';
import type { VaultDatabase } from './vault-tables.js';

/** Options of {@link createSessionVault}. */
export interface SessionVaultOptions {
  /** The migrated database (see `vaultMigrations`). */
  db: Kysely<VaultDatabase>;
  /** Master keys: the first wraps new data keys, all of them unwrap (the previous key during a rotation). */
  masterKeys: readonly MasterKey[];
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** How Session API access rows are written. @default batched every 1000 ms */
  accessLog?: AccessLogOptions;
}

/** The vault's parts. */
export interface SessionVault {
  readonly db: Kysely<VaultDatabase>;
  readonly keys: DataKeys;
  readonly values: ValueStore;
  readonly accessLog: AccessLog;
  readonly now: () => number;
  /** Writes the buffered access rows and stops the access log's timer (call before closing the database). */
  close(): Promise<void>;
}

/**
 * Builds the vault.
 *
 * @example
 * ```ts
 * const vault = createSessionVault({ db, masterKeys: [await loadMasterKey(config)] });
 * ```
 */
export function createSessionVault(options: SessionVaultOptions): SessionVault {
  const keys = new DataKeys(options.db, options.masterKeys);
  const accessLog = new AccessLog(options.db, options.accessLog);
  return Object.freeze({
    db: options.db,
    keys,
    values: new ValueStore(options.db, keys),
    accessLog,
    now: options.now ?? Date.now,
    close: () => accessLog.close(),
  });
}
