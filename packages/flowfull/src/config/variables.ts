/**
 * @module Every environment variable flowfull reads: its schema, default and meaning. The Zod
 * schema, the README's configuration table and its test are all derived from this one list.
 */
import {
  type EnvSchema,
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

/** Describes one environment variable. */
export interface EnvVariable<T = unknown> {
  /** Reads the raw value. */
  readonly schema: EnvSchema<T>;
  /** The default as written in the environment, or `undefined` when the variable is required/optional. */
  readonly default: string | undefined;
  /** Whether the value is a secret (never echoed, masked in tables). */
  readonly secret: boolean;
  /** One line for the configuration reference. */
  readonly description: string;
}

/**
 * Declares one environment variable for a configuration section.
 *
 * @example
 * ```ts
 * const section = { SMTP_URL: envVariable(envOptionalString(), undefined, 'SMTP server URL.', true) };
 * const config = loadConfig(process.env, { extend: section });
 * ```
 */
export function envVariable<T>(
  schema: EnvSchema<T>,
  fallback: string | undefined,
  description: string,
  secret = false,
): EnvVariable<T> {
  return Object.freeze({ schema, default: fallback, secret, description });
}

export const VALIDATION_MODES = ['DISABLED', 'STANDARD', 'ADVANCED', 'STRICT'] as const;
/** Values of `BRIDGE_REVOCATION_SOURCE`. */
export const REVOCATION_SOURCES = ['auto', 'redis', 'feed', 'off'] as const;
export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The variables of flowfull's own configuration, in the order of the reference table. `DATABASE_TYPE`
 * and `DATABASE_SSL` are resolved from these by {@link loadConfig}.
 */
export const flowfullVariables = {
  PORT: envVariable(envInteger({ default: 3001, min: 0, max: 65535 }), '3001', 'HTTP port.'),
  HOST: envVariable(
    envString({ default: '0.0.0.0' }),
    '0.0.0.0',
    'Address to listen on (127.0.0.1 for local only).',
  ),
  NODE_ENV: envVariable(envEnum(NODE_ENVS, 'development'), 'development', 'development, production or test.'),
  LOG_LEVEL: envVariable(envEnum(LOG_LEVELS, 'info'), 'info', 'pino log level.'),
  DATA_DIR: envVariable(
    envString({ default: './.data' }),
    './.data',
    'Folder for development keys, secrets and embedded databases (resolved to an absolute path).',
  ),
  DATABASE_URL: envVariable(
    envString(),
    undefined,
    'Required. postgres://, postgresql://, mysql://, libsql://, http(s):// (libSQL with LIBSQL_AUTH_TOKEN) or file: (embedded libSQL).',
    true,
  ),
  DATABASE_POOL_MIN: envVariable(envInteger({ default: 2, min: 0, max: 1000 }), '2', 'Smallest pool size.'),
  DATABASE_POOL_MAX: envVariable(envInteger({ default: 10, min: 1, max: 1000 }), '10', 'Largest pool size.'),
  DATABASE_SSL: envVariable(
    envEnum(['true', 'false', '1', '0', 'no-verify'], 'false'),
    'false',
    'TLS to the database: true/1 verifies certificates; no-verify encrypts without verifying; false/0 off.',
  ),
  DATABASE_CONNECT_TIMEOUT_MS: envVariable(
    envInteger({ default: 5000, min: 1 }),
    '5000',
    'How long to wait for the database at start and for a pooled connection.',
  ),
  LIBSQL_AUTH_TOKEN: envVariable(
    envOptionalString(),
    undefined,
    'Auth token of a remote libSQL/Turso database.',
    true,
  ),
  FLOWLESS_API_URL: envVariable(
    envUrl({ protocols: ['http:', 'https:'], default: 'http://localhost:3000' }),
    'http://localhost:3000',
    'Base URL of the Flowless auth server.',
  ),
  BRIDGE_VALIDATION_SECRET: envVariable(
    envString({ minLength: 32 }),
    undefined,
    'Required, at least 32 characters. Shared secret sent as X-Bridge-Secret.',
    true,
  ),
  BRIDGE_TIMEOUT_MS: envVariable(
    envInteger({ default: 5000, min: 1 }),
    '5000',
    'Timeout of one bridge call.',
  ),
  BRIDGE_RETRY_ATTEMPTS: envVariable(
    envInteger({ default: 3, min: 0, max: 10 }),
    '3',
    'Retries after a network error or 5xx from Flowless.',
  ),
  BRIDGE_GRACE_PERIOD_MS: envVariable(
    envInteger({ default: 0, min: 0 }),
    '0',
    'While Flowless cannot answer, serve sessions validated this recently (0 = off).',
  ),
  BRIDGE_NEGATIVE_CACHE_TTL_MS: envVariable(
    envInteger({ default: 5000, min: 0, max: 60_000 }),
    '5000',
    'How long an invalid session id is remembered.',
  ),
  BRIDGE_REVOCATION_SOURCE: envVariable(
    envEnum(REVOCATION_SOURCES, 'auto'),
    'auto',
    "Where revocations come from: auto (redis when REDIS_URL is set, else feed), redis, feed (Flowless's /auth/bridge/revocations) or off.",
  ),
  AUTH_VALIDATION_MODE: envVariable(
    envEnum(VALIDATION_MODES, 'ADVANCED'),
    'ADVANCED',
    'DISABLED, STANDARD, ADVANCED or STRICT.',
  ),
  AUTH_ENABLE_VALIDATION_MODE: envVariable(
    envBoolean(true),
    'true',
    'Master switch of the validation modes.',
  ),
  AUTH_IP_VALIDATION: envVariable(envBoolean(true), 'true', 'Check the client IP against the session.'),
  AUTH_USER_AGENT_VALIDATION: envVariable(
    envBoolean(true),
    'true',
    'Check the User-Agent against the session.',
  ),
  AUTH_DEVICE_VALIDATION: envVariable(envBoolean(true), 'true', 'Check X-Device-ID against the session.'),
  AUTH_AUTO_INVALIDATE: envVariable(
    envBoolean(false),
    'false',
    'Revoke sessions on violations (always on in STRICT).',
  ),
  AUTH_LOG_VIOLATIONS: envVariable(envBoolean(true), 'true', 'Log violations (never with the session id).'),
  AUTH_SESSION_FROM_QUERY: envVariable(
    envBoolean(true),
    'true',
    'Accept ?session_id= (turn off to allow only header, cookie and bearer).',
  ),
  TRUSTED_PROXIES: envVariable(
    envCidrList(),
    undefined,
    'Comma-separated IPs/CIDRs whose X-Forwarded-For is trusted (none by default).',
  ),
  CACHE_ENABLED: envVariable(
    envBoolean(true),
    'true',
    'Use Redis as the shared cache tier when REDIS_URL is set.',
  ),
  REDIS_URL: envVariable(
    envOptionalUrl({ protocols: ['redis:', 'rediss:'] }),
    undefined,
    'redis:// or rediss:// URL; memory only when unset.',
    true,
  ),
  CACHE_TTL: envVariable(
    envSeconds({ default: 300, min: 1 }),
    '300',
    'Cache TTL in seconds (resolved to CACHE_TTL_MS).',
  ),
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
