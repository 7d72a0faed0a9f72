/**
 * @module Which dialect a Kysely instance (or transaction) speaks.
 */
import { type QueryExecutorProvider, sql } from 'kysely';
import type { DatabaseType } from './database-type.js';

const registered = new WeakMap<object, DatabaseType>();

/** Records the dialect of an instance made by `createDatabase`. */
export function registerDatabaseType(db: object, type: DatabaseType): void {
  registered.set(db, type);
}

/**
 * The dialect of `db`, a Kysely instance or transaction. Instances from `createDatabase` are known; any other Kysely instance or
 * transaction (as migrations receive) is recognised from how it compiles a parameter and an
 * identifier, so this works without internals: `$1` is PostgreSQL, a backquote is MySQL, anything
 * else is SQLite, served by the libSQL dialect.
 *
 * @example
 * ```ts
 * const db = await createDatabase(config);
 * if (databaseTypeOf(db) === 'mysql') { ... }
 * ```
 */
export function databaseTypeOf(db: QueryExecutorProvider): DatabaseType {
  const known = registered.get(db);
  if (known) return known;
  const probe = sql`select ${sql.ref('probe')} where ${1}`.compile(db).sql;
  if (probe.includes('$1')) return 'postgresql';
  if (probe.includes('`')) return 'mysql';
  return 'libsql';
}
