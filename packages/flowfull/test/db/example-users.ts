/**
 * @module The schema the database suites exercise the framework on: a `users` table (the one of
 * docs/multi-database.md) with the two migrations that create and index it on every dialect.
 */
import { columnTypes, databaseTypeOf, type MigrationSet } from 'flowfull/db';
import type { Generated } from 'kysely';

/** A user row; `created_at` and `updated_at` are epoch milliseconds. */
export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  created_at: number;
  updated_at: Generated<number | null>;
}

/** The example database. */
export interface ExampleDatabase {
  users: UsersTable;
}

/** Migration history table of the example set. */
export const EXAMPLE_MIGRATION_TABLE = 'flowfull_example_migrations';

/**
 * The example migrations: one set, valid on PostgreSQL, MySQL and libSQL.
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
