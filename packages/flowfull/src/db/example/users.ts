/**
 * @module The demonstration schema: the `users` table of the documentation's `UserRepository`,
 * with the migration that creates it on every dialect.
 */
import type { Generated } from 'kysely';
import { databaseTypeOf } from '../database-type-of.js';
import { columnTypes } from '../migrations/column-types.js';
import type { MigrationSet } from '../migrations/run-migrations.js';

/** A user row; `created_at` and `updated_at` are epoch milliseconds. */
export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  created_at: number;
  updated_at: Generated<number | null>;
}

/** The demonstration database. */
export interface ExampleDatabase {
  users: UsersTable;
}

/** Migration history table of the demonstration set. */
export const EXAMPLE_MIGRATION_TABLE = 'flowfull_example_migrations';

/**
 * The demonstration migrations: one set, valid on PostgreSQL, MySQL and libSQL.
 *
 * @example
 * ```ts
 * await runMigrations(db, exampleMigrations, { tableName: EXAMPLE_MIGRATION_TABLE });
 * ```
 */
export const exampleMigrations: MigrationSet = Object.freeze({
  '0001_create_users': {
    async up(db) {
      const t = columnTypes(db);
      await db.schema
        .createTable('users')
        .ifNotExists()
        .addColumn('id', t.id, (col) => col.primaryKey())
        .addColumn('email', t.string, (col) => col.notNull().unique())
        .addColumn('name', t.string)
        .addColumn('created_at', t.timestamp, (col) => col.notNull())
        .addColumn('updated_at', t.timestamp)
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('users').ifExists().execute();
    },
  },
  '0002_index_users_created_at': {
    async up(db) {
      await db.schema.createIndex('users_created_at_idx').on('users').column('created_at').execute();
    },
    async down(db) {
      // MySQL names an index's table when dropping it; PostgreSQL and SQLite reject that clause.
      const drop = db.schema.dropIndex('users_created_at_idx');
      await (databaseTypeOf(db) === 'mysql' ? drop.on('users') : drop).execute();
    },
  },
});
