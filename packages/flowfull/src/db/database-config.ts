/**
 * @module The database part of flowfull's configuration, and its validation.
 */
import { defaultOf } from '../config/env-variable.js';
import type { FlowfullConfig } from '../config/flowfull-config.js';
import { resolveSsl } from '../config/map-config.js';
import { databaseVariables } from '../config/variables.js';
import { type DatabaseType, detectDatabaseType } from './database-type.js';
import { maskDatabaseUrl } from './database-url.js';
import { DatabaseConfigError } from './errors.js';

/** How TLS is used towards the database server. `'verify'` checks the server certificate. */
export type DatabaseSsl = FlowfullConfig['DATABASE_SSL'];

/**
 * The keys of {@link FlowfullConfig} that `createDatabase` reads, so the whole configuration object
 * fits. Only `DATABASE_URL` is required; the others default to:
 *
 * - `DATABASE_TYPE`: detected from `DATABASE_URL` (`http(s)://` counts as libSQL with a token).
 * - `DATABASE_POOL_MIN`: `2` (PostgreSQL keeps that many idle connections).
 * - `DATABASE_POOL_MAX`: `10` (also MySQL's `connectionLimit`).
 * - `DATABASE_SSL`: `false`; `'verify'` checks certificates, `'no-verify'` only encrypts.
 * - `DATABASE_CONNECT_TIMEOUT_MS`: `5000`, bounding connecting and waiting for a pooled connection.
 * - `DATABASE_PREPARED_STATEMENTS`: `false`; on PostgreSQL, `true` names parameterised queries so
 *   each connection parses and plans them once (see docs/multi-database.md for the caveats).
 * - `LIBSQL_AUTH_TOKEN`: `null` (set it for Turso or a remote sqld).
 */
export interface DatabaseConfig
  extends Pick<FlowfullConfig, 'DATABASE_URL'>,
    Partial<
      Pick<
        FlowfullConfig,
        | 'DATABASE_TYPE'
        | 'DATABASE_POOL_MIN'
        | 'DATABASE_POOL_MAX'
        | 'DATABASE_SSL'
        | 'DATABASE_CONNECT_TIMEOUT_MS'
        | 'DATABASE_PREPARED_STATEMENTS'
        | 'LIBSQL_AUTH_TOKEN'
      >
    > {}

/** A {@link DatabaseConfig} with every default applied and every value checked. */
export interface ResolvedDatabaseConfig {
  readonly type: DatabaseType;
  readonly url: string;
  /** `url` with its password masked, for messages. */
  readonly maskedUrl: string;
  readonly poolMin: number;
  readonly poolMax: number;
  readonly ssl: DatabaseSsl;
  readonly connectTimeoutMs: number;
  /** PostgreSQL only: parameterised queries run as named prepared statements. */
  readonly preparedStatements: boolean;
  readonly libsqlAuthToken: string | null;
}

/** Defaults of the optional {@link DatabaseConfig} keys: the database variables' own defaults. */
export const DATABASE_CONFIG_DEFAULTS = Object.freeze({
  DATABASE_POOL_MIN: defaultOf(databaseVariables.DATABASE_POOL_MIN),
  DATABASE_POOL_MAX: defaultOf(databaseVariables.DATABASE_POOL_MAX),
  DATABASE_SSL: resolveSsl(defaultOf(databaseVariables.DATABASE_SSL)),
  DATABASE_CONNECT_TIMEOUT_MS: defaultOf(databaseVariables.DATABASE_CONNECT_TIMEOUT_MS),
  DATABASE_PREPARED_STATEMENTS: defaultOf(databaseVariables.DATABASE_PREPARED_STATEMENTS),
  LIBSQL_AUTH_TOKEN: defaultOf(databaseVariables.LIBSQL_AUTH_TOKEN),
} satisfies Partial<DatabaseConfig>);

/**
 * Applies defaults, detects the dialect and checks ranges, once.
 *
 * @throws {DatabaseUrlError} `ERR_DB_URL_INVALID` when the URL names no supported database, or
 *   contradicts `DATABASE_TYPE`.
 * @throws {DatabaseConfigError} `ERR_DB_CONFIG_INVALID` naming the key that is out of range.
 * @example
 * ```ts
 * resolveDatabaseConfig({ DATABASE_URL: 'file:./.data/app.db' }).type; // 'libsql'
 * ```
 */
export function resolveDatabaseConfig(config: DatabaseConfig): ResolvedDatabaseConfig {
  const url = config.DATABASE_URL.trim();
  const libsqlAuthToken = config.LIBSQL_AUTH_TOKEN ?? DATABASE_CONFIG_DEFAULTS.LIBSQL_AUTH_TOKEN;
  const type = resolveType(url, config.DATABASE_TYPE, libsqlAuthToken);
  const poolMin = config.DATABASE_POOL_MIN ?? DATABASE_CONFIG_DEFAULTS.DATABASE_POOL_MIN;
  const poolMax = config.DATABASE_POOL_MAX ?? DATABASE_CONFIG_DEFAULTS.DATABASE_POOL_MAX;
  const connectTimeoutMs =
    config.DATABASE_CONNECT_TIMEOUT_MS ?? DATABASE_CONFIG_DEFAULTS.DATABASE_CONNECT_TIMEOUT_MS;
  const ssl = config.DATABASE_SSL ?? DATABASE_CONFIG_DEFAULTS.DATABASE_SSL;
  const preparedStatements =
    config.DATABASE_PREPARED_STATEMENTS ?? DATABASE_CONFIG_DEFAULTS.DATABASE_PREPARED_STATEMENTS;
  checkInteger('DATABASE_POOL_MIN', poolMin, 0);
  checkInteger('DATABASE_POOL_MAX', poolMax, 1);
  if (poolMin > poolMax) {
    throw new DatabaseConfigError(
      'DATABASE_POOL_MIN',
      `must not exceed DATABASE_POOL_MAX (${poolMin} > ${poolMax})`,
    );
  }
  checkInteger('DATABASE_CONNECT_TIMEOUT_MS', connectTimeoutMs, 1);
  if (ssl !== false && ssl !== 'verify' && ssl !== 'no-verify') {
    throw new DatabaseConfigError(
      'DATABASE_SSL',
      `must be false, 'verify' or 'no-verify', got ${String(ssl)}`,
    );
  }
  return Object.freeze({
    type,
    url,
    maskedUrl: maskDatabaseUrl(url),
    poolMin,
    poolMax,
    ssl,
    connectTimeoutMs,
    preparedStatements,
    libsqlAuthToken,
  });
}

function resolveType(
  url: string,
  declared: DatabaseType | undefined,
  libsqlAuthToken: string | null,
): DatabaseType {
  if (declared === undefined) return detectDatabaseType(url, { libsqlAuthToken });
  if (declared !== 'postgresql' && declared !== 'mysql' && declared !== 'libsql') {
    throw new DatabaseConfigError(
      'DATABASE_TYPE',
      `must be 'postgresql', 'mysql' or 'libsql', got ${String(declared)}`,
    );
  }
  // A declared libSQL type also admits http(s):// servers that need no token.
  const detected = detectDatabaseType(url, {
    libsqlAuthToken: declared === 'libsql' ? 'declared' : libsqlAuthToken,
  });
  if (detected !== declared) {
    throw new DatabaseConfigError(
      'DATABASE_TYPE',
      `is '${declared}' but DATABASE_URL "${maskDatabaseUrl(url)}" is a ${detected} URL`,
    );
  }
  return declared;
}

function checkInteger(key: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new DatabaseConfigError(key, `must be an integer >= ${min}, got ${String(value)}`);
  }
}
