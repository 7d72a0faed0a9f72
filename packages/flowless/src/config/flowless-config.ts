/**
 * @module The Flowless server's configuration: one Zod schema over the environment, parsed once at
 * the edge into a frozen, fully-resolved object (durations in milliseconds). Library code takes
 * this object; it never reads `process.env`.
 */
import { z } from 'zod';
import { FlowlessError } from '../errors.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? null : value));

/** The Zod shape of every variable Flowless reads; shared Flowfull keys keep their names. */
export const flowlessConfigShape = {
  PORT: int(3000, 0),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.string().default('info'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().min(1).default('file:./.data/flowless.db'),
  DATABASE_TYPE: z.enum(['postgresql', 'mysql', 'libsql']).optional(),
  DATABASE_POOL_MAX: int(10, 1),
  LIBSQL_AUTH_TOKEN: optionalString,
  BRIDGE_VALIDATION_SECRET: z.string().min(32, 'BRIDGE_VALIDATION_SECRET must be at least 32 characters'),
  REDIS_URL: optionalString,
  CACHE_TTL_MS: int(5 * MINUTE, 0),
  TRUSTED_PROXIES: list,
  SESSION_ABSOLUTE_LIFETIME_MS: int(30 * DAY, MINUTE),
  SESSION_IDLE_TIMEOUT_MS: int(7 * DAY, MINUTE),
  SESSION_TOUCH_INTERVAL_MS: int(MINUTE, 0),
  SESSION_COOKIE_SECURE: bool(true),
  DEFAULT_USER_TYPE: z.string().min(1).default('customer'),
  REQUIRE_EMAIL_VERIFICATION: bool(true),
  REGISTER_REQUIRES_BRIDGE_SECRET: bool(false),
  PASSWORD_RESET_TTL_MS: int(HOUR, MINUTE),
  EMAIL_VERIFICATION_TTL_MS: int(DAY, MINUTE),
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().default('Flowless <no-reply@localhost>'),
  FRONTEND_URL: z.url().default('http://localhost:5173'),
  ALLOWED_REDIRECT_URLS: list,
  CORS_ORIGINS: list,
  REVOCATION_CHANNEL: z.string().min(1).default('flowless:revocations'),
  RATE_LIMIT_WINDOW_MS: int(MINUTE, 1000),
  RATE_LIMIT_LOGIN_MAX: int(20, 1),
  RATE_LIMIT_REGISTER_MAX: int(10, 1),
  RATE_LIMIT_RESET_MAX: int(10, 1),
  RATE_LIMIT_DEFAULT_MAX: int(120, 1),
  RATE_LIMIT_INVALIDATE_ME_MAX: int(10, 1),
  RATE_LIMIT_INVALIDATE_ME_WINDOW_MS: int(5 * MINUTE, 1000),
  LOGIN_MAX_FAILURES: int(10, 1),
  LOGIN_FAILURE_WINDOW_MS: int(15 * MINUTE, 1000),
  LOGIN_LOCK_MS: int(15 * MINUTE, 1000),
} as const;

const schema = z.object(flowlessConfigShape).superRefine((config, ctx) => {
  // Security bar 25: at most 100 failed attempts per hour and account.
  const perHour =
    (config.LOGIN_MAX_FAILURES * HOUR) / Math.max(config.LOGIN_FAILURE_WINDOW_MS, config.LOGIN_LOCK_MS);
  if (perHour > 100) {
    ctx.addIssue({
      code: 'custom',
      path: ['LOGIN_MAX_FAILURES'],
      message:
        'LOGIN_MAX_FAILURES over LOGIN_FAILURE_WINDOW_MS/LOGIN_LOCK_MS allows more than 100 failures an hour',
    });
  }
  if (config.SESSION_IDLE_TIMEOUT_MS > config.SESSION_ABSOLUTE_LIFETIME_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['SESSION_IDLE_TIMEOUT_MS'],
      message: 'SESSION_IDLE_TIMEOUT_MS cannot exceed SESSION_ABSOLUTE_LIFETIME_MS',
    });
  }
});

/** The resolved Flowless configuration: every key present, values parsed. */
export type FlowlessConfig = Readonly<z.output<typeof schema>>;

/**
 * Parses the environment into a frozen {@link FlowlessConfig}. `CACHE_TTL` (seconds) is honoured
 * when `CACHE_TTL_MS` is absent.
 *
 * @throws FlowlessError `ERR_FLOWLESS_CONFIG_INVALID` naming every bad variable (never its value).
 * @example
 * ```ts
 * const config = loadFlowlessConfig(process.env);
 * ```
 */
export function loadFlowlessConfig(env: Readonly<Record<string, string | undefined>> = {}): FlowlessConfig {
  const input: Record<string, string | undefined> = { ...env };
  if (input.CACHE_TTL_MS === undefined && input.CACHE_TTL !== undefined) {
    input.CACHE_TTL_MS = String(Number(input.CACHE_TTL) * 1000);
  }
  for (const key of Object.keys(input)) if (input[key] === '') input[key] = undefined;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new FlowlessError('ERR_FLOWLESS_CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`, {
      status: 500,
    });
  }
  return Object.freeze(parsed.data);
}
