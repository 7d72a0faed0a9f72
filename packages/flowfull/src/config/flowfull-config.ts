/**
 * @module The types of flowfull's resolved configuration, derived from the variables' declarations.
 */
import type { DatabaseType } from '../db/database-type.js';
import type { SectionValues } from './env-variable.js';
import type { databaseVariables, flowfullVariables } from './variables.js';

/** Where variables come from: `process.env` or any record of strings. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Flowfull's variables as parsed, before {@link FlowfullConfig}'s resolutions. */
export type FlowfullValues = SectionValues<typeof flowfullVariables>;

/** The database variables as parsed. */
export type DatabaseValues = SectionValues<typeof databaseVariables>;

/** The keys that `loadConfig` resolves from the parsed values rather than copying them. */
interface ResolvedKeys {
  /** Detected from `DATABASE_URL`. */
  readonly DATABASE_TYPE: DatabaseType;
  /** `false` (off), `'verify'` (TLS, certificates verified) or `'no-verify'`. */
  readonly DATABASE_SSL: false | 'verify' | 'no-verify';
  /** `CACHE_TTL` (seconds in the environment) in ms. */
  readonly CACHE_TTL_MS: number;
}

/**
 * The resolved configuration: keyed by variable name, values parsed, durations in ms, `DATA_DIR`
 * absolute. Each key's type is its declaration's parsed output.
 *
 * @example
 * ```ts
 * const config: FlowfullConfig = loadConfig();
 * config.CACHE_TTL_MS; // 300000
 * ```
 */
export interface FlowfullConfig extends Omit<FlowfullValues, 'CACHE_TTL' | 'DATABASE_SSL'>, ResolvedKeys {}

/** The database keys of {@link FlowfullConfig}, as `loadDatabaseConfig` resolves them. */
export type DatabaseSettings = Pick<
  FlowfullConfig,
  | 'DATABASE_URL'
  | 'DATABASE_TYPE'
  | 'DATABASE_POOL_MIN'
  | 'DATABASE_POOL_MAX'
  | 'DATABASE_SSL'
  | 'DATABASE_CONNECT_TIMEOUT_MS'
  | 'DATABASE_PREPARED_STATEMENTS'
  | 'LIBSQL_AUTH_TOKEN'
>;
