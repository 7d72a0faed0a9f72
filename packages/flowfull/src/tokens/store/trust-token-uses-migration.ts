/**
 * @module The `trust_token_uses` table of the database `TokenStateStore`, as a Kysely migration
 * that packages add to their own migration set.
 */
import type { Kysely, Migration } from 'kysely';

/** The row of `trust_token_uses`: one per consumed or revoked token id. */
export type TrustTokenUsesTable = {
  /** The token's `jti`, primary key: its uniqueness is what makes consumption atomic. */
  jti: string;
  /** `'used'` or `'revoked'`. */
  state: string;
  /** Epoch milliseconds after which the row may be purged (the token has expired by then). */
  expires_at: number | string | bigint;
  /** Epoch milliseconds of the insertion. */
  created_at: number | string | bigint;
};

/** The tables the database `TokenStateStore` needs. */
export type TrustTokenDatabase = {
  trust_token_uses: TrustTokenUsesTable;
};

/** Suggested name of the migration in a migration set (sorts after a base schema). */
export const TRUST_TOKEN_USES_MIGRATION_NAME = '0100_trust_token_uses';

/**
 * Creates (and drops) `trust_token_uses` with portable types (`varchar`, `bigint`), so the same
 * migration runs on PostgreSQL, MySQL/MariaDB and libSQL.
 *
 * @example
 * ```ts
 * const migrator = new Migrator({ db, provider: { getMigrations: async () => ({
 *   ...myMigrations, [TRUST_TOKEN_USES_MIGRATION_NAME]: trustTokenUsesMigration,
 * }) } });
 * ```
 */
export const trustTokenUsesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('trust_token_uses')
      .ifNotExists()
      .addColumn('jti', 'varchar(255)', (column) => column.primaryKey())
      .addColumn('state', 'varchar(16)', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('trust_token_uses_expires_at_idx')
      .ifNotExists()
      .on('trust_token_uses')
      .column('expires_at')
      .execute()
      .catch(async (error: unknown) => {
        // MySQL has no CREATE INDEX IF NOT EXISTS: retry without it.
        await db.schema
          .createIndex('trust_token_uses_expires_at_idx')
          .on('trust_token_uses')
          .column('expires_at')
          .execute()
          .catch(() => {
            throw error;
          });
      });
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('trust_token_uses').ifExists().execute();
  },
};
