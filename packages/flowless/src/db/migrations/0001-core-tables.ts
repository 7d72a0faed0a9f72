/**
 * @module Migration 0001: the core tables (`users`, `sessions` with the 2FA columns,
 * `social_accounts`, `tokens`, `one_time_tokens`, `two_factor`) in flowfull's portable column
 * types, so one migration serves every dialect (timestamps are epoch milliseconds).
 */
import { columnTypes, type Migration, type PortableColumnTypes } from 'flowfull/db';
import type { Kysely } from 'kysely';

/** The users table and their sessions. */
async function createUserTables(db: Kysely<unknown>, t: PortableColumnTypes): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('email', t.string, (c) => c.notNull().unique())
    .addColumn('username', t.string, (c) => c.unique())
    .addColumn('password_hash', t.string)
    .addColumn('name', t.string)
    .addColumn('last_name', t.string)
    .addColumn('phone', t.string)
    .addColumn('picture', t.text)
    .addColumn('user_type', t.string, (c) => c.notNull())
    .addColumn('lang', t.string)
    .addColumn('metadata', t.text)
    .addColumn('is_verified', t.boolean, (c) => c.notNull())
    .addColumn('is_banned', t.boolean, (c) => c.notNull())
    .addColumn('two_factor', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_hash', t.string, (c) => c.notNull().unique())
    .addColumn('ip_address', t.string)
    .addColumn('user_agent', t.text)
    .addColumn('device_id', t.string)
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('absolute_expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('two_factor_verified', t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('two_factor_verified_at', t.timestamp)
    .addColumn('two_factor_methods', t.text)
    .execute();
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();
}

/** Linked social accounts, API tokens, one-time tokens and second factors. */
async function createCredentialTables(db: Kysely<unknown>, t: PortableColumnTypes): Promise<void> {
  await db.schema
    .createTable('social_accounts')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', t.string, (c) => c.notNull())
    .addColumn('provider_user_id', t.string, (c) => c.notNull())
    .addColumn('access_token', t.text)
    .addColumn('refresh_token', t.text)
    .addColumn('expires_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('social_accounts_provider_user_uq', ['provider', 'provider_user_id'])
    .execute();

  await db.schema
    .createTable('tokens')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', t.string, (c) => c.notNull().unique())
    .addColumn('name', t.string)
    .addColumn('expires_at', t.timestamp)
    .addColumn('last_used_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', t.string, (c) => c.notNull())
    .addColumn('token_hash', t.string, (c) => c.notNull().unique())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('one_time_tokens_user_purpose_idx')
    .on('one_time_tokens')
    .columns(['user_id', 'purpose'])
    .execute();

  await db.schema
    .createTable('two_factor')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('method', t.string, (c) => c.notNull())
    .addColumn('code', t.text)
    .addColumn('status', t.string, (c) => c.notNull().defaultTo('active'))
    .addColumn('metadata', t.text)
    .addColumn('token_prefix', t.string)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addUniqueConstraint('two_factor_user_method_uq', ['user_id', 'method'])
    .execute();
}

/**
 * Migration 0001; the dialect is read from the database it runs on.
 */
export const coreTablesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await createUserTables(db, t);
    await createCredentialTables(db, t);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['two_factor', 'one_time_tokens', 'tokens', 'social_accounts', 'sessions', 'users']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
