/**
 * @module Migration 0005: `social_login_states`, the pending social logins (one row per started
 * flow, keyed by the SHA-256 of its `state`, deleted by the callback that uses it), and
 * `social_accounts.email`, the address the provider reported when the account was linked.
 */
import { columnTypes, databaseTypeOf, type Migration } from 'flowfull/db';
import type { Kysely } from 'kysely';

/**
 * Migration 0005 (0004 belongs to the two-factor tables).
 */
export const socialLoginMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable('social_login_states')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('state_hash', t.string, (c) => c.notNull().unique())
      .addColumn('provider', t.string, (c) => c.notNull())
      .addColumn('binding_hash', t.string, (c) => c.notNull())
      .addColumn('nonce', t.string)
      .addColumn('redirect_to', t.text, (c) => c.notNull())
      .addColumn('mode', t.string, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('social_login_states_expires_at_idx')
      .on('social_login_states')
      .column('expires_at')
      .execute();
    await db.schema.alterTable('social_accounts').addColumn('email', t.string).execute();
    // MySQL already indexes the user_id foreign key (and would refuse to drop this index later).
    if (databaseTypeOf(db) !== 'mysql') {
      await db.schema
        .createIndex('social_accounts_user_id_idx')
        .on('social_accounts')
        .column('user_id')
        .execute();
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (databaseTypeOf(db) !== 'mysql') await db.schema.dropIndex('social_accounts_user_id_idx').execute();
    await db.schema.alterTable('social_accounts').dropColumn('email').execute();
    await db.schema.dropTable('social_login_states').ifExists().execute();
  },
};
