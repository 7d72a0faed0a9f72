/**
 * @module rotateMasterKey(): re-wraps every workspace's data key under a new master key. Values are
 * not touched (their data keys do not change). Run it after every instance is configured with the
 * new key as current and the old one as previous: until the run finishes, rows under either key
 * unwrap; afterwards the previous key can be removed.
 */
import type { Kysely } from 'kysely';
import { unwrapDataKey, wrapDataKey, wrappingKeyId } from './envelope.js';
import type { MasterKey } from './master-key.js';
import type { VaultDatabase } from './vault-tables.js';

/** What a rotation did. */
export interface RotationReport {
  /** Workspaces whose data key was re-wrapped. */
  readonly rewrapped: number;
  /** Workspaces already under the new key. */
  readonly unchanged: number;
}

/**
 * Re-wraps each data key not under `current` with `current`, one row at a time (each update
 * checks the row still holds what was read, so a concurrent rotation cannot lose a key).
 *
 * @throws {VaultError} `ERR_VAULT_MASTER_KEY_UNKNOWN` when a row is wrapped by a key in neither list.
 * @example
 * ```ts
 * await rotateMasterKey(db, { current: newKey, previous: [oldKey] });
 * ```
 */
export async function rotateMasterKey(
  db: Kysely<VaultDatabase>,
  keys: { readonly current: MasterKey; readonly previous: readonly MasterKey[] },
): Promise<RotationReport> {
  const masters = [keys.current, ...keys.previous];
  const rows = await db.selectFrom('vault_workspaces').select(['id', 'wrapped_data_key']).execute();
  let rewrapped = 0;
  for (const row of rows) {
    if (wrappingKeyId(row.wrapped_data_key) === keys.current.id) continue;
    const dataKey = unwrapDataKey(masters, row.id, row.wrapped_data_key);
    await db
      .updateTable('vault_workspaces')
      .set({ wrapped_data_key: wrapDataKey(keys.current, row.id, dataKey) })
      .where('id', '=', row.id)
      .where('wrapped_data_key', '=', row.wrapped_data_key)
      .execute();
    rewrapped++;
  }
  return { rewrapped, unchanged: rows.length - rewrapped };
}
