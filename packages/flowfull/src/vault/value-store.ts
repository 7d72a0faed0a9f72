/**
 * @module ValueStore: a vault user's encrypted values. Sizes are checked against the application's
 * limits before any encryption; values are encrypted before they are written and decrypted in
 * memory after they are read, so the database holds ciphertext only.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/map-database-error.js';
import type { DataKeys } from './data-keys.js';
import { decryptValue, encryptValue, type ValuePlace } from './envelope.js';
import type { VaultCaller } from './session-tokens.js';
import type { VaultDatabase } from './vault-tables.js';

/** Key names: 1–128 characters of letters, digits, `.`, `_`, `-` and `:`. */
export const VAULT_KEY_NAME = /^[A-Za-z0-9._:-]{1,128}$/;

/** One stored key, without its value. */
export interface VaultKeyInfo {
  readonly key: string;
  readonly size: number;
  readonly updatedAt: number;
}

/** The outcome of {@link ValueStore.set}. */
export type SetValueResult =
  | { readonly ok: true; readonly size: number; readonly version: number }
  | { readonly ok: false; readonly reason: 'value_too_large' | 'session_too_large'; readonly limit: number };

/** Who a value belongs to: the caller of a session, or a user an administrator reads. */
export type ValueOwner = Pick<VaultCaller, 'userId' | 'applicationId' | 'workspaceId'>;

/**
 * Reads and writes a user's values.
 *
 * @example
 * ```ts
 * const store = new ValueStore(db, keys);
 * await store.set(caller, 'cart', Buffer.from('{"items":[]}'), Date.now());
 * ```
 */
export class ValueStore {
  readonly #db: Kysely<VaultDatabase>;
  readonly #keys: DataKeys;

  constructor(db: Kysely<VaultDatabase>, keys: DataKeys) {
    this.#db = db;
    this.#keys = keys;
  }

  /** The user's keys, with sizes. */
  async list(owner: ValueOwner): Promise<VaultKeyInfo[]> {
    const rows = await this.#db
      .selectFrom('vault_values')
      .select(['key_name', 'size', 'updated_at'])
      .where('user_id', '=', owner.userId)
      .where('workspace_id', '=', owner.workspaceId)
      .orderBy('key_name')
      .execute();
    return rows.map((row) => ({
      key: row.key_name,
      size: Number(row.size),
      updatedAt: Number(row.updated_at),
    }));
  }

  /**
   * Writes a value, refusing before encryption when it or the user's total is over the limits.
   * One read fetches the limits, the size of the user's other values and the key's version; the
   * write is conditional on that version (a concurrent write of the same key makes it read again).
   */
  async set(owner: ValueOwner, key: string, plaintext: Buffer, now: number): Promise<SetValueResult> {
    for (let attempt = 0; ; attempt++) {
      const state = await this.#writeState(owner, key);
      const maxValue = Number(state.max_value_bytes);
      if (plaintext.length > maxValue) return { ok: false, reason: 'value_too_large', limit: maxValue };
      const maxSession = Number(state.max_session_bytes);
      if (Number(state.others ?? 0) + plaintext.length > maxSession) {
        return { ok: false, reason: 'session_too_large', limit: maxSession };
      }
      const previous = state.version === null ? null : Number(state.version);
      const version = (previous ?? 0) + 1;
      const ciphertext = encryptValue(await this.#dataKey(owner), place(owner, key, version), plaintext);
      if (
        await this.#write(owner, key, previous, {
          ciphertext,
          size: plaintext.length,
          version,
          updated_at: now,
        })
      ) {
        return { ok: true, size: plaintext.length, version };
      }
      if (attempt >= 9) throw new TypeError(`ValueStore: key ${key} kept changing during the write`);
    }
  }

  #writeState(owner: ValueOwner, key: string) {
    return this.#db
      .selectFrom('vault_applications as a')
      .select((eb) => [
        'a.max_value_bytes',
        'a.max_session_bytes',
        eb
          .selectFrom('vault_values')
          .select((inner) => inner.fn.sum<number | string | null>('size').as('total'))
          .where('user_id', '=', owner.userId)
          .where('key_name', '!=', key)
          .as('others'),
        eb
          .selectFrom('vault_values')
          .select('version')
          .where('user_id', '=', owner.userId)
          .where('key_name', '=', key)
          .as('version'),
      ])
      .where('a.id', '=', owner.applicationId)
      .where('a.workspace_id', '=', owner.workspaceId)
      .executeTakeFirstOrThrow();
  }

  /** Writes the row if its version is still `previous`; resolves false when another write won. */
  async #write(
    owner: ValueOwner,
    key: string,
    previous: number | null,
    row: { ciphertext: string; size: number; version: number; updated_at: number },
  ): Promise<boolean> {
    if (previous === null) {
      try {
        await this.#db
          .insertInto('vault_values')
          .values({
            user_id: owner.userId,
            key_name: key,
            workspace_id: owner.workspaceId,
            application_id: owner.applicationId,
            ...row,
          })
          .execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    }
    const result = await this.#db
      .updateTable('vault_values')
      .set(row)
      .where('user_id', '=', owner.userId)
      .where('key_name', '=', key)
      .where('version', '=', previous)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The plaintext of a value, or `null` when the user has no such key. */
  async get(owner: ValueOwner, key: string, db: Kysely<VaultDatabase> = this.#db): Promise<Buffer | null> {
    const row = await db
      .selectFrom('vault_values')
      .select(['ciphertext', 'version'])
      .where('user_id', '=', owner.userId)
      .where('workspace_id', '=', owner.workspaceId)
      .where('key_name', '=', key)
      .executeTakeFirst();
    if (row === undefined) return null;
    return decryptValue(
      await this.#dataKey(owner, db),
      place(owner, key, Number(row.version)),
      row.ciphertext,
    );
  }

  /** Deletes a value; resolves whether there was one. */
  async delete(owner: ValueOwner, key: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('vault_values')
      .where('user_id', '=', owner.userId)
      .where('workspace_id', '=', owner.workspaceId)
      .where('key_name', '=', key)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async #dataKey(owner: ValueOwner, db: Kysely<VaultDatabase> = this.#db): Promise<Buffer> {
    const key = await this.#keys.forWorkspace(owner.workspaceId, db);
    if (key === null) throw new TypeError(`ValueStore: workspace ${owner.workspaceId} does not exist`);
    return key;
  }
}

function place(owner: ValueOwner, keyName: string, version: number): ValuePlace {
  return {
    workspaceId: owner.workspaceId,
    applicationId: owner.applicationId,
    userId: owner.userId,
    keyName,
    version,
  };
}
