/**
 * @module Migration 0004: what the second-factor flow needs beyond the 0001 tables. Sessions get a
 * `state` (`active`, or `pending_2fa` between the password and the second factor) and a counter
 * of wrong codes; `two_factor` gets `last_step`, the last TOTP step accepted (a compare-and-set
 * makes a code work once across instances); `two_factor_challenges` holds emailed or texted
 * codes (HMAC only, bound to one session) and `two_factor_backup_codes` the backup codes (HMAC only).
 */
import { columnTypes, type Migration } from 'flowfull/db';
import type { Kysely } from 'kysely';

/**
 * Migration 0004. Existing sessions become `active`; existing factors start at `last_step` 0.
 */
export const twoFactorStateMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .alterTable('sessions')
      .addColumn('state', t.string, (c) => c.notNull().defaultTo('active'))
      .execute();
    await db.schema
      .alterTable('sessions')
      .addColumn('two_factor_failures', t.integer, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('two_factor')
      .addColumn('last_step', t.integer, (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('two_factor_challenges')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('method_id', t.id, (c) => c.notNull().references('two_factor.id').onDelete('cascade'))
      .addColumn('session_hash', t.string, (c) => c.notNull())
      .addColumn('code_hash', t.string, (c) => c.notNull())
      .addColumn('attempts', t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn('sent_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('two_factor_challenges_session_method_uq', ['session_hash', 'method_id'])
      .execute();
    await db.schema
      .createIndex('two_factor_challenges_expires_at_idx')
      .on('two_factor_challenges')
      .column('expires_at')
      .execute();

    await db.schema
      .createTable('two_factor_backup_codes')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', t.string, (c) => c.notNull().unique())
      .addColumn('used_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('two_factor_backup_codes_user_idx')
      .on('two_factor_backup_codes')
      .column('user_id')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('two_factor_backup_codes').ifExists().execute();
    await db.schema.dropTable('two_factor_challenges').ifExists().execute();
    await db.schema.alterTable('two_factor').dropColumn('last_step').execute();
    await db.schema.alterTable('sessions').dropColumn('two_factor_failures').execute();
    await db.schema.alterTable('sessions').dropColumn('state').execute();
  },
};
