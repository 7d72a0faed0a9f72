/**
 * @module `TokenStateStore` on a SQL database through Kysely, for deployments without Redis: the
 * primary key on `trust_token_uses.jti` makes consumption atomic across processes.
 */
import type { Kysely } from 'kysely';
import { assertStoreArguments, type TokenStateStore } from './token-state-store.js';
import type { TrustTokenDatabase } from './trust-token-uses-migration.js';

/** Options of `createDatabaseTokenStateStore`. */
export interface DatabaseTokenStateStoreOptions<DB> {
  /** A Kysely instance whose database has run `trustTokenUsesMigration`. */
  db: Kysely<DB>;
  /** The clock, in epoch milliseconds. @default Date.now */
  now?: () => number;
}

/** The database `TokenStateStore`, plus housekeeping. */
export interface DatabaseTokenStateStore extends TokenStateStore {
  /** Deletes the rows of tokens that have expired; resolves how many. Run it from a periodic job. */
  purgeExpired(): Promise<number>;
}

/**
 * Creates a `TokenStateStore` on PostgreSQL, MySQL/MariaDB or libSQL. `consume` is one `INSERT`:
 * whichever concurrent insert the database accepts wins; the others hit the primary key.
 *
 * @example
 * ```ts
 * const store = createDatabaseTokenStateStore({ db });
 * setInterval(() => void store.purgeExpired(), 3_600_000).unref();
 * ```
 */
export function createDatabaseTokenStateStore<DB>(
  options: DatabaseTokenStateStoreOptions<DB>,
): DatabaseTokenStateStore {
  if (typeof options.db?.withTables !== 'function') {
    throw new TypeError('createDatabaseTokenStateStore: options.db must be a Kysely instance');
  }
  // The caller's schema type does not know this table; the store reads and writes only
  // `trust_token_uses`, which `trustTokenUsesMigration` creates, so it views the instance as that.
  const db = options.db as unknown as Kysely<TrustTokenDatabase>;
  const now = options.now ?? Date.now;

  const exists = async (jti: string): Promise<boolean> => {
    const row = await db
      .selectFrom('trust_token_uses')
      .select('jti')
      .where('jti', '=', jti)
      .where('expires_at', '>', now())
      .executeTakeFirst();
    return row !== undefined;
  };

  // Each dialect reports a duplicate key differently; rather than match driver error codes, a failed
  // insert is a lost race exactly when the row is there afterwards. Any other failure is rethrown.
  const insert = async (jti: string, state: 'used' | 'revoked', expiresAt: Date): Promise<boolean> => {
    try {
      await db
        .insertInto('trust_token_uses')
        .values({ jti, state, expires_at: expiresAt.getTime(), created_at: now() })
        .execute();
      return true;
    } catch (error) {
      const row = await db
        .selectFrom('trust_token_uses')
        .select('jti')
        .where('jti', '=', jti)
        .executeTakeFirst();
      if (row === undefined) throw error;
      return false;
    }
  };

  return {
    async consume(jti, expiresAt) {
      assertStoreArguments(jti, expiresAt);
      return insert(jti, 'used', expiresAt);
    },
    async revoke(jti, expiresAt) {
      assertStoreArguments(jti, expiresAt);
      if (await insert(jti, 'revoked', expiresAt)) return;
      await db
        .updateTable('trust_token_uses')
        .set({ state: 'revoked', expires_at: expiresAt.getTime() })
        .where('jti', '=', jti)
        .where('expires_at', '<', expiresAt.getTime())
        .execute();
    },
    async isRevokedOrUsed(jti) {
      assertStoreArguments(jti);
      return exists(jti);
    },
    async purgeExpired() {
      const result = await db
        .deleteFrom('trust_token_uses')
        .where('expires_at', '<=', now())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
