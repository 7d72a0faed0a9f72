/**
 * @module Mapping: parsed values to the resolved configuration (`DATA_DIR` absolute,
 * `DATABASE_SSL` and `DATABASE_TYPE` resolved, `CACHE_TTL` in ms as `CACHE_TTL_MS`).
 */
import { resolve } from 'node:path';
import type { DatabaseType } from '../db/database-type.js';
import type { DatabaseSettings, DatabaseValues, FlowfullConfig, FlowfullValues } from './flowfull-config.js';

/**
 * `DATABASE_SSL` as written to how TLS is used: `true`/`1` verify, `no-verify` only encrypts.
 *
 * @example
 * ```ts
 * resolveSsl('1'); // 'verify'
 * ```
 */
export function resolveSsl(value: DatabaseValues['DATABASE_SSL']): DatabaseSettings['DATABASE_SSL'] {
  if (value === 'true' || value === '1') return 'verify';
  return value === 'no-verify' ? 'no-verify' : false;
}

/**
 * The database settings from the parsed database variables and the detected type.
 *
 * @example
 * ```ts
 * toDatabaseSettings(values, 'postgresql').DATABASE_SSL; // false
 * ```
 */
export function toDatabaseSettings(values: DatabaseValues, databaseType: DatabaseType): DatabaseSettings {
  return { ...values, DATABASE_TYPE: databaseType, DATABASE_SSL: resolveSsl(values.DATABASE_SSL) };
}

/**
 * The resolved configuration from flowfull's parsed variables; `DATA_DIR` resolved against `cwd`.
 *
 * @example
 * ```ts
 * toFlowfullConfig(values, 'libsql', '/srv/app').DATA_DIR; // '/srv/app/.data'
 * ```
 */
export function toFlowfullConfig(
  values: FlowfullValues,
  databaseType: DatabaseType,
  cwd: string,
): FlowfullConfig {
  const { CACHE_TTL, DATABASE_SSL, DATA_DIR, ...rest } = values;
  return {
    ...rest,
    DATABASE_TYPE: databaseType,
    DATA_DIR: resolve(cwd, DATA_DIR),
    DATABASE_SSL: resolveSsl(DATABASE_SSL),
    CACHE_TTL_MS: CACHE_TTL,
  };
}
