/**
 * @module Migration 0003: `one_time_tokens.sent_to`, the address a token was mailed to (a reset
 * verifies an address only when it went to the user's current one; an email-change token carries
 * the address being confirmed), and indexes on the expiry columns the periodic purge reads.
 */
import { columnTypes, databaseTypeOf, type Migration } from 'flowfull/db';
import type { Kysely } from 'kysely';

/**
 * Migration 0003. Tokens issued before it have no `sent_to`: a reset through one sets the
 * password but does not mark the address verified.
 */
export const tokenRecipientAndExpiryIndexesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema.alterTable('one_time_tokens').addColumn('sent_to', t.string).execute();
    await db.schema
      .createIndex('one_time_tokens_expires_at_idx')
      .on('one_time_tokens')
      .column('expires_at')
      .execute();
    // A session's expires_at never passes its absolute_expires_at, so this one index finds
    // every expired session.
    await db.schema.createIndex('sessions_expires_at_idx').on('sessions').column('expires_at').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    // Only MySQL names the table in DROP INDEX; PostgreSQL and SQLite refuse it.
    const mysql = databaseTypeOf(db) === 'mysql';
    for (const [index, table] of [
      ['sessions_expires_at_idx', 'sessions'],
      ['one_time_tokens_expires_at_idx', 'one_time_tokens'],
    ] as const) {
      const drop = db.schema.dropIndex(index);
      await (mysql ? drop.on(table) : drop).execute();
    }
    await db.schema.alterTable('one_time_tokens').dropColumn('sent_to').execute();
  },
};
