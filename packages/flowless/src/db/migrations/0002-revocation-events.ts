/**
 * @module Migration 0002: `revocation_events`, the transactional outbox of session revocations that
 * Flowless serves to Flowfull as a feed. The id is a database-generated, increasing integer: the
 * feed's cursor (`Last-Event-ID`).
 */
import { columnTypes, databaseTypeOf, type Migration } from 'flowfull/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Migration 0002; the dialect is read from the database it runs on.
 */
export const revocationEventsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    const dialect = databaseTypeOf(db);
    await db.schema
      .createTable('revocation_events')
      .addColumn(
        'id',
        dialect === 'postgresql' ? sql`bigserial` : dialect === 'mysql' ? 'bigint' : 'integer',
        (c) => (dialect === 'postgresql' ? c.primaryKey() : c.primaryKey().autoIncrement()),
      )
      .addColumn('type', t.string, (c) => c.notNull())
      .addColumn('session_hash', t.string)
      .addColumn('user_id', t.id)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('revocation_events_created_at_idx')
      .on('revocation_events')
      .column('created_at')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('revocation_events').ifExists().execute();
  },
};
