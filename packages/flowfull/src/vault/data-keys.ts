/**
 * @module DataKeys: hands out workspaces' unwrapped data keys, kept in memory only after their
 * first use, and creates the wrapped key of a new workspace.
 */
import type { Kysely } from 'kysely';
import { generateDataKey, unwrapDataKey, wrapDataKey } from './envelope.js';
import type { MasterKey } from './master-key.js';
import type { VaultDatabase } from './vault-tables.js';

/**
 * Unwraps and caches data keys. `masters[0]` wraps new keys; every key in `masters` unwraps, so the
 * previous master key keeps working while a rotation runs.
 *
 * @example
 * ```ts
 * const keys = new DataKeys(db, [master]);
 * const dataKey = await keys.forWorkspace(workspaceId);
 * ```
 */
export class DataKeys {
  readonly #db: Kysely<VaultDatabase>;
  readonly #masters: readonly MasterKey[];
  readonly #cache = new Map<string, Buffer>();

  constructor(db: Kysely<VaultDatabase>, masters: readonly MasterKey[]) {
    if (masters.length === 0) throw new TypeError('DataKeys: masters must hold at least one key');
    this.#db = db;
    this.#masters = masters;
  }

  /** A new workspace's wrapped data key. */
  wrapNew(workspaceId: string): string {
    const [current] = this.#masters as [MasterKey];
    return wrapDataKey(current, workspaceId, generateDataKey());
  }

  /**
   * The data key of a workspace, or `null` when the workspace does not exist. Pass the transaction
   * in progress as `db`, so that a single-connection database is not asked twice at once.
   */
  async forWorkspace(workspaceId: string, db: Kysely<VaultDatabase> = this.#db): Promise<Buffer | null> {
    const cached = this.#cache.get(workspaceId);
    if (cached !== undefined) return cached;
    const row = await db
      .selectFrom('vault_workspaces')
      .select('wrapped_data_key')
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    if (row === undefined) return null;
    const key = unwrapDataKey(this.#masters, workspaceId, row.wrapped_data_key);
    this.#cache.set(workspaceId, key);
    return key;
  }
}
