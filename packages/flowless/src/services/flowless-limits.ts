/**
 * @module The rate limits and the account lock of a Flowless instance, built from its
 * configuration on one counter backend (memory, or the Redis the instances share).
 */
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { FlowlessConfig } from '../config/flowless-config.js';
import type { FlowlessDatabase } from '../db/schema.js';
import { type AccountLock, createAccountLock } from '../rate-limit/account-lock.js';
import type { CounterBackend } from '../rate-limit/counter-store.js';
import { createDatabaseWindowLimiter } from '../rate-limit/database-window-limiter.js';
import {
  createSlidingWindowLimiter,
  type SlidingWindowLimiter,
} from '../rate-limit/sliding-window-limiter.js';

/**
 * The per-IP limits: one per credential route family, and `default` for the other state-changing
 * and session routes (logout, refresh, profile, password change, admin user routes), which share
 * one bucket per client IP.
 */
export type LimitedRoute = 'login' | 'register' | 'reset' | 'verify' | 'token_login' | 'default';

/** The limits the routes apply. */
export interface FlowlessLimits {
  readonly byIp: Readonly<Record<LimitedRoute, SlidingWindowLimiter>>;
  /** Limits keyed by the SHA-256 of an email address, whatever the IP and whether it has an account. */
  readonly byAddress: { readonly tokenLogin: SlidingWindowLimiter };
  /** Limits keyed by the signed-in user (`user:<id>`), whatever the IP. */
  readonly byUser: {
    readonly invalidateMe: SlidingWindowLimiter;
    /**
     * Second-factor code attempts per user (`user:<id>`), across sessions and methods; an
     * attempt is counted before its code is checked, so a concurrent burst cannot pass the cap.
     */
    readonly twoFactor: SlidingWindowLimiter;
  };
  /** The per-account lock shared by login and the current-password check. */
  readonly account: AccountLock;
  /** API tokens refused at bridge validation, per client IP: too many lock the IP out of look-ups. */
  readonly apiTokenRefusals: AccountLock;
}

/** What {@link createFlowlessLimits} needs. */
export interface FlowlessLimitsOptions {
  config: FlowlessConfig;
  /** Holds the second-factor cap when there is no Redis (memory counts would be per instance). */
  db: Kysely<FlowlessDatabase>;
  redis: Redis | null;
  backend: CounterBackend;
  /** Prefix of every key: `<prefix>:rl:<limit>` and `<prefix>:lock`. */
  keyPrefix: string;
  now: () => number;
  /** The API-token refusal lock (built with the token service). */
  apiTokenRefusals: AccountLock;
}

/**
 * Builds the {@link FlowlessLimits}.
 */
export function createFlowlessLimits(options: FlowlessLimitsOptions): FlowlessLimits {
  const { config, db, redis, backend, keyPrefix, now } = options;
  const window = (name: string, points: number, windowMs = config.RATE_LIMIT_WINDOW_MS) =>
    createSlidingWindowLimiter({ backend, keyPrefix: `${keyPrefix}:rl:${name}`, points, windowMs, now });
  return {
    byIp: {
      login: window('login', config.RATE_LIMIT_LOGIN_MAX),
      register: window('register', config.RATE_LIMIT_REGISTER_MAX),
      reset: window('reset', config.RATE_LIMIT_RESET_MAX),
      verify: window('verify', config.RATE_LIMIT_RESET_MAX),
      token_login: window('token_login', config.RATE_LIMIT_TOKEN_LOGIN_MAX),
      default: window('default', config.RATE_LIMIT_DEFAULT_MAX),
    },
    byAddress: {
      tokenLogin: window(
        'token_login_address',
        config.RATE_LIMIT_TOKEN_LOGIN_ADDRESS_MAX,
        config.RATE_LIMIT_TOKEN_LOGIN_ADDRESS_WINDOW_MS,
      ),
    },
    byUser: {
      invalidateMe: window(
        'invalidate_me',
        config.RATE_LIMIT_INVALIDATE_ME_MAX,
        config.RATE_LIMIT_INVALIDATE_ME_WINDOW_MS,
      ),
      // Without Redis, memory counts would be per instance: the database holds this cap.
      twoFactor: redis
        ? window('two_factor', config.TWO_FACTOR_USER_MAX_FAILURES, config.TWO_FACTOR_FAILURE_WINDOW_MS)
        : createDatabaseWindowLimiter({
            db,
            keyPrefix: `${keyPrefix}:rl:two_factor`,
            points: config.TWO_FACTOR_USER_MAX_FAILURES,
            windowMs: config.TWO_FACTOR_FAILURE_WINDOW_MS,
            now,
          }),
    },
    apiTokenRefusals: options.apiTokenRefusals,
    account: createAccountLock({
      backend,
      keyPrefix: `${keyPrefix}:lock`,
      maxFailures: config.LOGIN_MAX_FAILURES,
      windowMs: config.LOGIN_FAILURE_WINDOW_MS,
      lockMs: config.LOGIN_LOCK_MS,
      now,
    }),
  };
}
