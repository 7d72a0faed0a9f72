/**
 * @module Migration 0006: passkeys and the database counters of the second-factor caps.
 * `passkeys` holds WebAuthn credentials (the public key, never a secret; the signature counter;
 * transports; name; created and last used); `passkey_challenges` the challenges handed out by
 * the option routes, keyed by their SHA-256, each deleted by the one response that uses it;
 * `rate_limit_counters` the per-key counts of short time buckets, so a cap such as 10 wrong
 * second-factor codes per user and window holds across instances sharing the database without
 * Redis.
 */
import { columnTypes, type Migration } from 'flowfull/db';
import type { Kysely } from 'kysely';

/**
 * Migration 0006 (0005 is social login).
 */
export const passkeysMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable('passkeys')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('credential_id', t.string, (c) => c.notNull().unique())
      .addColumn('public_key', t.text, (c) => c.notNull())
      .addColumn('counter', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('transports', t.string)
      .addColumn('device_type', t.string, (c) => c.notNull())
      .addColumn('backed_up', t.boolean, (c) => c.notNull().defaultTo(false))
      .addColumn('name', t.string, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_used_at', t.timestamp)
      .execute();

    await db.schema
      .createTable('passkey_challenges')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('challenge_hash', t.string, (c) => c.notNull().unique())
      .addColumn('purpose', t.string, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('session_hash', t.string)
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('passkey_challenges_expires_at_idx')
      .on('passkey_challenges')
      .column('expires_at')
      .execute();

    await db.schema
      .createTable('rate_limit_counters')
      .addColumn('counter_key', t.string, (c) => c.notNull())
      .addColumn('bucket', t.bigint, (c) => c.notNull())
      .addColumn('count', t.integer, (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limit_counters_pk', ['counter_key', 'bucket'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('rate_limit_counters').ifExists().execute();
    await db.schema.dropTable('passkey_challenges').ifExists().execute();
    await db.schema.dropTable('passkeys').ifExists().execute();
  },
};
