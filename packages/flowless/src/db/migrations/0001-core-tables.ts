/**
 * @module Migration 0001: the core tables (`users`, `sessions` with the 2FA columns,
 * `social_accounts`, `tokens`, `one_time_tokens`, `two_factor`), valid on every dialect.
 */
import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../column-types.js';
import type { FlowlessDialect } from '../create-database.js';

/**
 * Builds migration 0001 for `dialect`.
 *
 * @example
 * ```ts
 * const migration = coreTablesMigration('postgresql');
 * ```
 */
export function coreTablesMigration(dialect: FlowlessDialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('email', 'varchar(255)', (c) => c.notNull().unique())
        .addColumn('username', 'varchar(255)', (c) => c.unique())
        .addColumn('password_hash', 'varchar(255)')
        .addColumn('name', 'varchar(255)')
        .addColumn('last_name', 'varchar(255)')
        .addColumn('phone', 'varchar(50)')
        .addColumn('picture', t.text)
        .addColumn('user_type', 'varchar(64)', (c) => c.notNull())
        .addColumn('lang', 'varchar(16)')
        .addColumn('metadata', t.text)
        .addColumn('is_verified', t.boolean, (c) => c.notNull())
        .addColumn('is_banned', t.boolean, (c) => c.notNull())
        .addColumn('two_factor', t.boolean, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('session_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('ip_address', 'varchar(45)')
        .addColumn('user_agent', t.text)
        .addColumn('device_id', 'varchar(255)')
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('absolute_expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_used_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('two_factor_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('two_factor_verified_at', t.timestamp)
        .addColumn('two_factor_methods', t.text)
        .execute();
      await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('social_accounts')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('provider', 'varchar(50)', (c) => c.notNull())
        .addColumn('provider_user_id', 'varchar(255)', (c) => c.notNull())
        .addColumn('access_token', t.text)
        .addColumn('refresh_token', t.text)
        .addColumn('expires_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('social_accounts_provider_user_uq', ['provider', 'provider_user_id'])
        .execute();

      await db.schema
        .createTable('tokens')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(255)')
        .addColumn('expires_at', t.timestamp)
        .addColumn('last_used_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('one_time_tokens')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
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
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('method', 'varchar(32)', (c) => c.notNull())
        .addColumn('code', t.text)
        .addColumn('status', 'varchar(32)', (c) => c.notNull().defaultTo('active'))
        .addColumn('metadata', t.text)
        .addColumn('token_prefix', 'varchar(64)')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_used_at', t.timestamp)
        .addUniqueConstraint('two_factor_user_method_uq', ['user_id', 'method'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        'two_factor',
        'one_time_tokens',
        'tokens',
        'social_accounts',
        'sessions',
        'users',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
