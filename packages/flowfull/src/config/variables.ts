/**
 * @module Every environment variable flowfull reads: its schema, default and meaning. The parser,
 * the `FlowfullConfig` type, the defaults other modules use and the README's configuration table
 * are all derived from this one list.
 */
import {
  envBoolean,
  envCidrList,
  envEnum,
  envInteger,
  envOptionalString,
  envOptionalUrl,
  envPaserk,
  envPaserkList,
  envSeconds,
  envString,
  envUrl,
} from './env-schemas.js';
import { type EnvVariable, envVariable } from './env-variable.js';

export type { EnvVariable } from './env-variable.js';
export { envVariable } from './env-variable.js';

/** Largest `BRIDGE_NEGATIVE_CACHE_TTL_MS`, also the cap of the validator's `negativeCacheTtl`. */
export const MAX_NEGATIVE_CACHE_TTL_MS = 60_000;
/** Values of `AUTH_VALIDATION_MODE`. */
export const VALIDATION_MODES = ['DISABLED', 'STANDARD', 'ADVANCED', 'STRICT'] as const;
/** Values of `BRIDGE_REVOCATION_SOURCE`. */
export const REVOCATION_SOURCES = ['auto', 'redis', 'feed', 'off'] as const;
/** Values of `NODE_ENV`. */
export const NODE_ENVS = ['development', 'production', 'test'] as const;
/** Values of `LOG_LEVEL`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The database variables, which `loadDatabaseConfig` parses on their own. `DATABASE_TYPE` is
 * detected from `DATABASE_URL`, and `DATABASE_SSL` resolved to `false`, `'verify'` or `'no-verify'`.
 */
export const databaseVariables = {
  DATABASE_URL: envVariable(
    envString(),
    undefined,
    'Required. postgres://, postgresql://, mysql://, libsql://, http(s):// (libSQL with LIBSQL_AUTH_TOKEN) or file: (embedded libSQL).',
    true,
  ),
  DATABASE_POOL_MIN: envVariable(envInteger({ min: 0, max: 1000 }), '2', 'Smallest pool size.'),
  DATABASE_POOL_MAX: envVariable(envInteger({ min: 1, max: 1000 }), '10', 'Largest pool size.'),
  DATABASE_SSL: envVariable(
    envEnum(['true', 'false', '1', '0', 'no-verify']),
    'false',
    'TLS to the database: true/1 verifies certificates; no-verify encrypts without verifying; false/0 off.',
  ),
  DATABASE_CONNECT_TIMEOUT_MS: envVariable(
    envInteger({ min: 1 }),
    '5000',
    'How long to wait for the database at start and for a pooled connection.',
  ),
  DATABASE_PREPARED_STATEMENTS: envVariable(
    envBoolean(),
    'false',
    'PostgreSQL: run parameterised queries as named prepared statements, parsed and planned once per connection. Not behind PgBouncer in transaction mode.',
  ),
  LIBSQL_AUTH_TOKEN: envVariable(
    envOptionalString(),
    undefined,
    'Auth token of a remote libSQL/Turso database.',
    true,
  ),
} as const satisfies Record<string, EnvVariable>;

/**
 * The variables of flowfull's own configuration, in the order of the reference table;
 * `FlowfullConfig` is derived from them.
 *
 * @example
 * ```ts
 * flowfullVariables.PORT.default; // '3001'
 * ```
 */
export const flowfullVariables = {
  PORT: envVariable(envInteger({ min: 0, max: 65535 }), '3001', 'HTTP port.'),
  HOST: envVariable(envString(), '0.0.0.0', 'Address to listen on (127.0.0.1 for local only).'),
  NODE_ENV: envVariable(envEnum(NODE_ENVS), 'development', 'development, production or test.'),
  LOG_LEVEL: envVariable(envEnum(LOG_LEVELS), 'info', 'pino log level.'),
  /** Resolved to an absolute path against the working directory. */
  DATA_DIR: envVariable(
    envString(),
    './.data',
    'Folder for development keys, secrets and embedded databases (resolved to an absolute path).',
  ),
  ...databaseVariables,
  /** Without a trailing slash. */
  FLOWLESS_API_URL: envVariable(
    envUrl({ protocols: ['http:', 'https:'] }),
    'http://localhost:3000',
    'Base URL of the Flowless auth server.',
  ),
  BRIDGE_VALIDATION_SECRET: envVariable(
    envString({ minLength: 32 }),
    undefined,
    'Required, at least 32 characters. Shared secret sent as X-Bridge-Secret.',
    true,
  ),
  BRIDGE_TIMEOUT_MS: envVariable(envInteger({ min: 1 }), '5000', 'Timeout of one bridge call.'),
  BRIDGE_RETRY_ATTEMPTS: envVariable(
    envInteger({ min: 0, max: 10 }),
    '3',
    'Retries after a network error or 5xx from Flowless.',
  ),
  BRIDGE_GRACE_PERIOD_MS: envVariable(
    envInteger({ min: 0 }),
    '0',
    'While Flowless cannot answer, serve sessions validated this recently (0 = off).',
  ),
  BRIDGE_NEGATIVE_CACHE_TTL_MS: envVariable(
    envInteger({ min: 0, max: MAX_NEGATIVE_CACHE_TTL_MS }),
    '5000',
    'How long an invalid session id is remembered.',
  ),
  BRIDGE_REVOCATION_SOURCE: envVariable(
    envEnum(REVOCATION_SOURCES),
    'auto',
    "Where revocations come from: auto (redis when REDIS_URL is set, else feed), redis, feed (Flowless's /auth/bridge/revocations) or off.",
  ),
  AUTH_VALIDATION_MODE: envVariable(
    envEnum(VALIDATION_MODES),
    'ADVANCED',
    'DISABLED, STANDARD, ADVANCED or STRICT.',
  ),
  AUTH_ENABLE_VALIDATION_MODE: envVariable(envBoolean(), 'true', 'Master switch of the validation modes.'),
  AUTH_IP_VALIDATION: envVariable(envBoolean(), 'true', 'Check the client IP against the session.'),
  AUTH_USER_AGENT_VALIDATION: envVariable(envBoolean(), 'true', 'Check the User-Agent against the session.'),
  AUTH_DEVICE_VALIDATION: envVariable(envBoolean(), 'true', 'Check X-Device-ID against the session.'),
  AUTH_AUTO_INVALIDATE: envVariable(
    envBoolean(),
    'false',
    'Revoke sessions on violations (always on in STRICT).',
  ),
  AUTH_LOG_VIOLATIONS: envVariable(envBoolean(), 'true', 'Log violations (never with the session id).'),
  AUTH_SESSION_FROM_QUERY: envVariable(
    envBoolean(),
    'true',
    'Accept ?session_id= (turn off to allow only header, cookie and bearer).',
  ),
  TRUSTED_PROXIES: envVariable(
    envCidrList(),
    undefined,
    'Comma-separated IPs/CIDRs whose X-Forwarded-For is trusted (none by default).',
  ),
  CACHE_ENABLED: envVariable(
    envBoolean(),
    'true',
    'Use Redis as the shared cache tier when REDIS_URL is set.',
  ),
  REDIS_URL: envVariable(
    envOptionalUrl({ protocols: ['redis:', 'rediss:'] }),
    undefined,
    'redis:// or rediss:// URL; memory only when unset.',
    true,
  ),
  /** Resolved to `CACHE_TTL_MS`. */
  CACHE_TTL: envVariable(envSeconds({ min: 1 }), '300', 'Cache TTL in seconds (resolved to CACHE_TTL_MS).'),
  TRUST_TOKEN_SECRET_KEY: envVariable(
    envPaserk('k4.secret'),
    undefined,
    'PASERK k4.secret signing key (generated in development).',
    true,
  ),
  TRUST_TOKEN_PUBLIC_KEYS: envVariable(
    envPaserkList('k4.public'),
    undefined,
    'Comma-separated PASERK k4.public keys also accepted (rotation).',
  ),
  TRUST_TOKEN_LOCAL_KEY: envVariable(
    envPaserk('k4.local'),
    undefined,
    'PASERK k4.local encryption key (generated in development).',
    true,
  ),
} as const satisfies Record<string, EnvVariable>;
