/**
 * @module libSQL (Turso, sqld, or an embedded file) through `@libsql/kysely-libsql`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { LibsqlDriver } from '@libsql/kysely-libsql';
import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { ResolvedDatabaseConfig } from '../../database-config.js';
import { SerializedFileDriver } from './serialized-file-driver.js';

/**
 * The file an embedded `file:` URL points at, or `null` for in-memory databases and non-file URLs.
 *
 * @example
 * ```ts
 * libsqlFilePath('file:./.data/app.db'); // '/current/dir/.data/app.db'
 * ```
 */
export function libsqlFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  if (url.startsWith('file://')) return fileURLToPath(url.split('?')[0] ?? url);
  const path = decodeURIComponent((url.slice('file:'.length).split('?')[0] ?? '').trim());
  if (path === '' || path === ':memory:') return null;
  return resolve(path);
}

/**
 * Builds the dialect. `file:` databases get their folder created when missing, and their queries
 * and transactions are queued one at a time in this process (see {@link SerializedFileDriver}),
 * waiting up to `DATABASE_CONNECT_TIMEOUT_MS` for locks held by other processes.
 *
 * The driver comes from `@libsql/kysely-libsql`; the adapter, query compiler and introspector come
 * from the `kysely` flowfull uses, because that package takes them from kysely 0.27, whose compiler
 * does not know every node the 0.28 query builder produces.
 */
export function createLibsqlDialect(config: ResolvedDatabaseConfig): Dialect {
  const file = libsqlFilePath(config.url);
  if (file !== null) mkdirSync(dirname(file), { recursive: true });
  const client = createClient({
    url: config.url,
    ...(config.libsqlAuthToken ? { authToken: config.libsqlAuthToken } : {}),
  });
  return {
    // The driver only calls `client.execute`, `client.transaction` and `client.close`, which the newer
    // client keeps; its declared types name the older kysely and client, hence the one cast.
    createDriver: (): Driver => {
      const driver = new LibsqlDriver(client as never, true) as unknown as Driver;
      return file === null ? driver : new SerializedFileDriver(driver, client, config.connectTimeoutMs);
    },
    createAdapter: (): DialectAdapter => new SqliteAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new SqliteIntrospector(db),
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
  };
}
