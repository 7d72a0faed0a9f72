/**
 * @module MySQL and MariaDB through a `mysql2` pool.
 */
import { MysqlDialect, type MysqlPool, type MysqlPoolConnection } from 'kysely';
import { createPool, type PoolOptions, type TypeCast } from 'mysql2';
import type { DatabaseSsl, ResolvedDatabaseConfig } from '../../database-config.js';
import { DatabaseAcquireTimeoutError, DatabasePoolQueueFullError } from '../../errors.js';

/** MySQL options that no `DATABASE_*` key covers. */
export interface MysqlDialectOptions {
  /** Most queries that may wait for a connection before new ones fail with `ERR_DB_POOL_QUEUE_FULL`. */
  queueLimit: number;
}

/** The mysql2 `ssl` option for a `DATABASE_SSL` value: certificates are verified unless told otherwise. */
export function mysqlSsl(ssl: DatabaseSsl): { rejectUnauthorized: boolean } | undefined {
  if (ssl === false) return undefined;
  return { rejectUnauthorized: ssl === 'verify' };
}

/** `BOOLEAN` is `TINYINT(1)` in MySQL: read it back as `true`/`false`, as PostgreSQL does. */
const readBooleans: TypeCast = (field, next) => {
  if (field.type === 'TINY' && field.length === 1) {
    const value = field.string();
    return value === null ? null : value !== '0';
  }
  return next();
};

/**
 * Builds the dialect: `connectionLimit` is `DATABASE_POOL_MAX`, the wait queue is bounded by
 * `queueLimit`, and each wait by `DATABASE_CONNECT_TIMEOUT_MS`.
 */
export function createMysqlDialect(
  config: ResolvedDatabaseConfig,
  options: MysqlDialectOptions,
): MysqlDialect {
  const poolOptions: PoolOptions = {
    uri: config.url,
    connectionLimit: config.poolMax,
    queueLimit: options.queueLimit,
    connectTimeout: config.connectTimeoutMs,
    ssl: mysqlSsl(config.ssl),
    timezone: 'Z',
    typeCast: readBooleans,
  };
  return new MysqlDialect({
    pool: withAcquireTimeout(createPool(poolOptions), config.connectTimeoutMs, options),
  });
}

/**
 * mysql2 queues `getConnection` calls without a time bound, so this port adds one: a caller that
 * waits too long gets {@link DatabaseAcquireTimeoutError}, and the connection it would have received
 * goes straight back to the pool.
 */
function withAcquireTimeout(pool: MysqlPool, timeoutMs: number, options: MysqlDialectOptions): MysqlPool {
  return {
    getConnection(callback) {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        // Kysely reads the connection only when the error is empty; its callback type still asks for one.
        callback(new DatabaseAcquireTimeoutError(timeoutMs), undefined as unknown as MysqlPoolConnection);
      }, timeoutMs);
      pool.getConnection((error, connection) => {
        clearTimeout(timer);
        if (settled) {
          if (!error) connection.release();
          return;
        }
        settled = true;
        if (error instanceof Error && error.message === 'Queue limit reached.') {
          callback(new DatabasePoolQueueFullError(options.queueLimit, { cause: error }), connection);
          return;
        }
        callback(error, connection);
      });
    },
    end: (callback) => pool.end(callback),
  };
}
