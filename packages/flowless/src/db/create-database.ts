/**
 * @module Opens the Flowless database on PostgreSQL, MySQL/MariaDB or libSQL with Kysely.
 */
import { LibsqlDialect } from '@libsql/kysely-libsql';
import { Kysely, MysqlDialect, type MysqlPool, PostgresDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { FlowlessError } from '../errors.js';
import type { FlowlessDatabase } from './schema.js';

/** The SQL dialects Flowless runs on. */
export type FlowlessDialect = 'postgresql' | 'mysql' | 'libsql';

/** Options of {@link createFlowlessDatabase}. */
export interface FlowlessDatabaseOptions {
  /** Connection URL: `postgres://`, `mysql://`, `file:`, `libsql://` or `http(s)://`. */
  url: string;
  /** Dialect; detected from the URL when omitted. */
  type?: FlowlessDialect | undefined;
  /** Largest pool size (PostgreSQL, MySQL). @default 10 */
  poolMax?: number;
  /** libSQL auth token for remote databases. @default null */
  authToken?: string | null;
}

/** An open database: the Kysely instance and the dialect it speaks. */
export interface FlowlessDatabaseHandle {
  /** The Kysely instance. */
  readonly db: Kysely<FlowlessDatabase>;
  /** The dialect. */
  readonly dialect: FlowlessDialect;
}

/**
 * Detects the dialect of a connection URL.
 *
 * @throws FlowlessError `ERR_FLOWLESS_UNSUPPORTED_DATABASE` for any other scheme.
 * @example
 * ```ts
 * detectDialect('postgres://localhost/app'); // 'postgresql'
 * ```
 */
export function detectDialect(url: string): FlowlessDialect {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgresql';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  if (['file', 'libsql', 'http', 'https', 'ws', 'wss'].includes(scheme)) return 'libsql';
  throw new FlowlessError(
    'ERR_FLOWLESS_UNSUPPORTED_DATABASE',
    `Unsupported database URL scheme "${scheme}"`,
    {
      status: 500,
    },
  );
}

/**
 * Opens a Kysely instance for the Flowless tables.
 *
 * @example
 * ```ts
 * const { db, dialect } = createFlowlessDatabase({ url: 'file:./.data/flowless.db' });
 * ```
 */
export function createFlowlessDatabase(options: FlowlessDatabaseOptions): FlowlessDatabaseHandle {
  const dialect = options.type ?? detectDialect(options.url);
  const poolMax = options.poolMax ?? 10;
  if (dialect === 'postgresql') {
    const pool = new pg.Pool({ connectionString: options.url, max: poolMax });
    return { dialect, db: new Kysely<FlowlessDatabase>({ dialect: new PostgresDialect({ pool }) }) };
  }
  if (dialect === 'mysql') {
    const uri = options.url.replace(/^mariadb:/, 'mysql:');
    // timezone 'Z': DATETIME values are written and read as UTC.
    // mysql2's callback pool types disagree with Kysely's structural MysqlPool on overloads only;
    // the runtime object is what Kysely's MysqlDialect documents.
    const pool = createPool({ uri, connectionLimit: poolMax, timezone: 'Z' }) as unknown as MysqlPool;
    return { dialect, db: new Kysely<FlowlessDatabase>({ dialect: new MysqlDialect({ pool }) }) };
  }
  const libsql = new LibsqlDialect({
    url: options.url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
  });
  return { dialect, db: new Kysely<FlowlessDatabase>({ dialect: libsql }) };
}
