/**
 * @module Migration 0007: personal API tokens in the core `tokens` table. Adds
 * `tokens.token_prefix` (the first characters of the secret, shown back in lists so an owner can
 * tell tokens apart; the secret itself is stored only as its SHA-256 in `token_hash`) and an index
 * on `tokens.user_id` for the owner's list.
 */
import { columnTypes, databaseTypeOf, type Migration } from 'flowfull/db';
import type { Kysely } from 'kysely';

/**
 * Migration 0007 (0006 belongs to the two-factor work).
 */
export const apiTokensMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema.alterTable('tokens').addColumn('token_prefix', t.string).execute();
    // MySQL already indexes the user_id foreign key (and would refuse to drop this index later).
    if (databaseTypeOf(db) !== 'mysql') {
      await db.schema.createIndex('tokens_user_id_idx').on('tokens').column('user_id').execute();
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (databaseTypeOf(db) !== 'mysql') await db.schema.dropIndex('tokens_user_id_idx').execute();
    await db.schema.alterTable('tokens').dropColumn('token_prefix').execute();
  },
};
