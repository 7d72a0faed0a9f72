/**
 * @module The per-account lock on login: after `maxFailures` failed attempts within the window,
 * every attempt (even with the right password) is refused until the lock expires on its own.
 * Email and username logins of one account share the counter (it is keyed by account).
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import { FlowlessError } from '../errors.js';
import { type CounterBackend, createCounter } from './counter-store.js';

/** Options of {@link createAccountLock}. */
export interface AccountLockOptions {
  backend: CounterBackend;
  keyPrefix: string;
  /** Failed attempts that trigger the lock. */
  maxFailures: number;
  /** Window in which failures are counted, in ms. */
  windowMs: number;
  /** How long the lock lasts, in ms. */
  lockMs: number;
}

/** The per-account lock. */
export interface AccountLock {
  /** ms left on the lock of `key`, or 0 when it is not locked. */
  lockedFor(key: string): Promise<number>;
  /** Records a failed attempt. */
  fail(key: string): Promise<void>;
  /** Clears the failures of `key` after a successful login. */
  reset(key: string): Promise<void>;
}

const unavailable = (cause: unknown): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_UNAVAILABLE', 'Service temporarily unavailable', {
    status: 503,
    cause,
    headers: { 'Retry-After': '5' },
  });

/**
 * Creates an {@link AccountLock}. Store failures throw `ERR_FLOWLESS_UNAVAILABLE` (fail closed).
 *
 * @example
 * ```ts
 * const lock = createAccountLock({ backend: 'memory', keyPrefix: 'lock', maxFailures: 10, windowMs: 900_000, lockMs: 900_000 });
 * ```
 */
export function createAccountLock(options: AccountLockOptions): AccountLock {
  const counter = createCounter({
    backend: options.backend,
    keyPrefix: options.keyPrefix,
    points: options.maxFailures,
    durationSeconds: Math.ceil(options.windowMs / 1000),
    blockDurationSeconds: Math.ceil(options.lockMs / 1000),
  });
  const lockSeconds = Math.ceil(options.lockMs / 1000);
  return {
    async lockedFor(key) {
      try {
        const res = await counter.get(key);
        return res && res.consumedPoints >= options.maxFailures ? Math.max(res.msBeforeNext, 1) : 0;
      } catch (error) {
        throw unavailable(error);
      }
    },
    async fail(key) {
      try {
        const res = await counter.consume(key, 1);
        if (res.consumedPoints >= options.maxFailures) await counter.block(key, lockSeconds);
      } catch (error) {
        if (error instanceof RateLimiterRes) return;
        throw unavailable(error);
      }
    },
    async reset(key) {
      try {
        await counter.delete(key);
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}
