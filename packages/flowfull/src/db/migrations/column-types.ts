/**
 * @module Column types that mean the same thing on PostgreSQL, MySQL and SQLite, so that one
 * migration serves all three dialects.
 */
import type { ColumnDataType, Expression, QueryExecutorProvider } from 'kysely';
import { sql } from 'kysely';
import type { DatabaseType } from '../database-type.js';
import { databaseTypeOf } from '../database-type-of.js';

/** A type that `db.schema.createTable(...).addColumn(name, type)` accepts. */
export type PortableDataType = ColumnDataType | Expression<unknown>;

/**
 * The column types of one dialect. What each reads back as is the same on all three:
 *
 * - `id`: `varchar(255)`, for application-generated string ids (also usable as a primary key on MySQL).
 * - `string`: `varchar(255)`, a short indexed string (email, username).
 * - `text`: long text, not indexable on MySQL.
 * - `integer`: a 32-bit integer, read as `number`.
 * - `bigint`: a 64-bit integer, read as `number` (PostgreSQL `int8` is parsed by `createDatabase`).
 * - `timestamp`: epoch milliseconds as a 64-bit integer, read as `number`: no time-zone or
 *   `Date` conversion differs between drivers.
 * - `boolean`: read as `true`/`false` on PostgreSQL and MySQL, `1`/`0` on SQLite (which has no
 *   boolean type); write `true`/`false` everywhere.
 * - `json`: JSON as text; `JSON.stringify` on write, `JSON.parse` on read.
 */
export interface PortableColumnTypes {
  readonly id: PortableDataType;
  readonly string: PortableDataType;
  readonly text: PortableDataType;
  readonly integer: PortableDataType;
  readonly bigint: PortableDataType;
  readonly timestamp: PortableDataType;
  readonly boolean: PortableDataType;
  readonly json: PortableDataType;
}

const TYPES: Record<DatabaseType, PortableColumnTypes> = {
  postgresql: {
    id: 'varchar(255)',
    string: 'varchar(255)',
    text: 'text',
    integer: 'integer',
    bigint: 'bigint',
    timestamp: 'bigint',
    boolean: 'boolean',
    json: 'text',
  },
  mysql: {
    id: 'varchar(255)',
    string: 'varchar(255)',
    text: sql`longtext`,
    integer: 'integer',
    bigint: 'bigint',
    timestamp: 'bigint',
    boolean: 'boolean',
    json: sql`longtext`,
  },
  libsql: {
    id: 'text',
    string: 'text',
    text: 'text',
    integer: 'integer',
    bigint: 'integer',
    timestamp: 'integer',
    boolean: 'integer',
    json: 'text',
  },
};

/**
 * The portable column types for a dialect, or for the dialect of a Kysely instance or transaction
 * (as a migration's `up(db)` receives).
 *
 * @example
 * ```ts
 * export const createUsers: Migration = {
 *   async up(db) {
 *     const t = columnTypes(db);
 *     await db.schema
 *       .createTable('users')
 *       .ifNotExists()
 *       .addColumn('id', t.id, (col) => col.primaryKey())
 *       .addColumn('email', t.string, (col) => col.notNull().unique())
 *       .addColumn('created_at', t.timestamp, (col) => col.notNull())
 *       .execute();
 *   },
 *   async down(db) {
 *     await db.schema.dropTable('users').ifExists().execute();
 *   },
 * };
 * ```
 */
export function columnTypes(dialect: DatabaseType | QueryExecutorProvider): PortableColumnTypes {
  return TYPES[typeof dialect === 'string' ? dialect : databaseTypeOf(dialect)];
}
