/**
 * @module ValueStore: a vault user's encrypted values. Sizes are checked against the application's
 * limits before any encryption; values are encrypted before they are written and decrypted in
 * memory after they are read, so the database holds ciphertext only.
 */
import type { Kysely } from 'kysely';
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

  /** Writes a value, refusing before encryption when it or the user's total is over the limits. */
  async set(owner: ValueOwner, key: string, plaintext: Buffer, now: number): Promise<SetValueResult> {
    const db = this.#db;
    const limits = await db
      .selectFrom('vault_applications')
      .select(['max_value_bytes', 'max_session_bytes'])
      .where('id', '=', owner.applicationId)
      .where('workspace_id', '=', owner.workspaceId)
      .executeTakeFirstOrThrow();
    const maxValue = Number(limits.max_value_bytes);
    if (plaintext.length > maxValue) return { ok: false, reason: 'value_too_large', limit: maxValue };
    const others = await db
      .selectFrom('vault_values')
      .select((eb) => eb.fn.sum<number | string | null>('size').as('total'))
      .where('user_id', '=', owner.userId)
      .where('key_name', '!=', key)
      .executeTakeFirst();
    const maxSession = Number(limits.max_session_bytes);
    if (Number(others?.total ?? 0) + plaintext.length > maxSession) {
      return { ok: false, reason: 'session_too_large', limit: maxSession };
    }
    const dataKey = await this.#dataKey(owner);
    return db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('vault_values')
        .select('version')
        .where('user_id', '=', owner.userId)
        .where('key_name', '=', key)
        .executeTakeFirst();
      const version = Number(existing?.version ?? 0) + 1;
      const ciphertext = encryptValue(dataKey, place(owner, key, version), plaintext);
      const row = { ciphertext, size: plaintext.length, version, updated_at: now };
      if (existing === undefined) {
        await trx
          .insertInto('vault_values')
          .values({
            user_id: owner.userId,
            key_name: key,
            workspace_id: owner.workspaceId,
            application_id: owner.applicationId,
            ...row,
          })
          .execute();
      } else {
        await trx
          .updateTable('vault_values')
          .set(row)
          .where('user_id', '=', owner.userId)
          .where('key_name', '=', key)
          .execute();
      }
      return { ok: true, size: plaintext.length, version } as const;
    });
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
