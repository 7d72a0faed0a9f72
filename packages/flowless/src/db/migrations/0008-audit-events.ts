/**
 * @module Migration 0008: `audit_events`, the security audit log (sign-ins, second-factor and
 * credential changes, admin actions). The id is a database-generated, increasing integer; the
 * admin query reads newest first by `(occurred_at, id)`, so every filter the query takes has an
 * index that starts with that filter and ends with `occurred_at, id`: an index range scan, read
 * backwards, with no sort. No foreign key to `users`: an event outlives the account it names.
 */
import { columnTypes, databaseTypeOf, type Migration } from 'flowfull/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** The indexes of `audit_events`: name and leading filter column (none for the unfiltered list). */
export const AUDIT_EVENT_INDEXES: readonly (readonly [string, string | null])[] = [
  ['audit_events_occurred_idx', null],
  ['audit_events_action_idx', 'action'],
  ['audit_events_outcome_idx', 'outcome'],
  ['audit_events_actor_idx', 'actor_user_id'],
  ['audit_events_subject_idx', 'subject_user_id'],
];

/**
 * Migration 0008; the dialect is read from the database it runs on.
 */
export const auditEventsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    const dialect = databaseTypeOf(db);
    await db.schema
      .createTable('audit_events')
      .addColumn(
        'id',
        dialect === 'postgresql' ? sql`bigserial` : dialect === 'mysql' ? 'bigint' : 'integer',
        (c) => (dialect === 'postgresql' ? c.primaryKey() : c.primaryKey().autoIncrement()),
      )
      .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
      .addColumn('action', t.string, (c) => c.notNull())
      .addColumn('outcome', t.string, (c) => c.notNull())
      .addColumn('actor_user_id', t.id)
      .addColumn('subject_user_id', t.id)
      .addColumn('ip', t.string)
      .addColumn('user_agent', t.string)
      .addColumn('details', t.text)
      .execute();
    for (const [name, leading] of AUDIT_EVENT_INDEXES) {
      const columns = leading === null ? ['occurred_at', 'id'] : [leading, 'occurred_at', 'id'];
      await db.schema.createIndex(name).on('audit_events').columns(columns).execute();
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('audit_events').ifExists().execute();
  },
};
