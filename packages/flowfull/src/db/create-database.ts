/**
 * @module Opens a Kysely instance on PostgreSQL, MySQL or libSQL from flowfull's configuration.
 */
import { type Dialect, Kysely, type KyselyPlugin, type LogConfig, sql } from 'kysely';
import {
  type DatabaseConfig,
  type ResolvedDatabaseConfig,
  resolveDatabaseConfig,
} from './database-config.js';
import { registerDatabaseType } from './database-type-of.js';
import { createLibsqlDialect } from './dialects/libsql/libsql-dialect.js';
import { createMysqlDialect } from './dialects/mysql/mysql-dialect.js';
import { createPostgresDialect } from './dialects/postgres/postgres-dialect.js';
import { DatabaseUnreachableError } from './errors.js';

/** Options of {@link createDatabase} that no `DATABASE_*` key covers. */
export interface CreateDatabaseOptions {
  /** Kysely's query log (a level list or a function); never log parameters that hold secrets. @default undefined */
  log?: LogConfig;
  /** Kysely plugins, e.g. `CamelCasePlugin`. @default [] */
  plugins?: KyselyPlugin[];
  /** MySQL: most queries waiting for a connection before new ones fail (`ERR_DB_POOL_QUEUE_FULL`). @default 1000 */
  queueLimit?: number;
  /** Run `SELECT 1` before returning, failing fast on an unreachable database. @default true */
  verify?: boolean;
}

const DEFAULTS = { queueLimit: 1000, verify: true } as const satisfies CreateDatabaseOptions;

/**
 * Opens the database `config.DATABASE_URL` names, with the dialect detected from it (or taken from
 * `DATABASE_TYPE`), checks that it answers, and returns a Kysely instance. Use
 * {@link databaseTypeOf} to learn the dialect; call `db.destroy()` on shutdown.
 *
 * @throws {DatabaseUrlError} `ERR_DB_URL_INVALID` when the URL names no supported database.
 * @throws {DatabaseConfigError} `ERR_DB_CONFIG_INVALID` when a pool size or timeout is out of range.
 * @throws {DatabaseUnreachableError} `ERR_DB_UNREACHABLE` (URL masked) when `SELECT 1` fails or
 *   takes longer than `DATABASE_CONNECT_TIMEOUT_MS`; the pool is destroyed first.
 * @example
 * ```ts
 * import { loadConfig } from 'flowfull/config';
 * import { createDatabase } from 'flowfull/db';
 *
 * const db = await createDatabase<Database>(loadConfig());
 * const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
 * ```
 */
export async function createDatabase<DB>(
  config: DatabaseConfig,
  options: CreateDatabaseOptions = {},
): Promise<Kysely<DB>> {
  const resolved = resolveDatabaseConfig(config);
  const { log, plugins, queueLimit, verify } = { ...DEFAULTS, ...options };
  if (!Number.isInteger(queueLimit) || queueLimit < 0) {
    throw new TypeError(
      `createDatabase: options.queueLimit must be an integer >= 0, got ${String(queueLimit)}`,
    );
  }
  const db = new Kysely<DB>({
    dialect: createDialect(resolved, queueLimit),
    ...(log === undefined ? {} : { log }),
    ...(plugins === undefined ? {} : { plugins }),
  });
  registerDatabaseType(db, resolved.type);
  if (verify) await verifyReachable(db, resolved);
  return db;
}

function createDialect(config: ResolvedDatabaseConfig, queueLimit: number): Dialect {
  switch (config.type) {
    case 'postgresql':
      return createPostgresDialect(config);
    case 'mysql':
      return createMysqlDialect(config, { queueLimit });
    case 'libsql':
      return createLibsqlDialect(config);
  }
}

async function verifyReachable<DB>(db: Kysely<DB>, config: ResolvedDatabaseConfig): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('connect timeout')), config.connectTimeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timeout]);
  } catch (error) {
    // The driver's error may quote the URL, password included: keep it only as `cause`. The pool is
    // closed in the background, as a hung connection may hold `destroy` up.
    void db.destroy().catch(() => undefined);
    throw new DatabaseUnreachableError(config.maskedUrl, config.connectTimeoutMs, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
