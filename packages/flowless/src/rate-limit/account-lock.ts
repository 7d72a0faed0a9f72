/**
 * @module The per-account lock: after `maxFailures` failed attempts within the window, every
 * attempt (even with the right password) is refused until the lock expires on its own. Login by
 * email, login by username and the current-password check of a password change share the counter
 * (it is keyed by account).
 *
 * Failures are counted on a sliding window; the lock is its end time, read against the injected
 * clock, so it expires after `lockMs` of that clock. The store's own expiry only cleans up.
 */
import { type CounterBackend, createCounter } from './counter-store.js';
import { createSlidingWindowLimiter } from './sliding-window-limiter.js';
import { storeUnavailable } from './store-unavailable.js';

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
  /** Current time in ms. @default Date.now */
  now?: () => number;
}

/** The per-account lock. */
export interface AccountLock {
  /** ms left on the lock of `key`, or 0 when it is not locked. */
  lockedFor(key: string): Promise<number>;
  /** Records a failed attempt; the `maxFailures`-th within the window locks the account. */
  fail(key: string): Promise<void>;
  /** Clears the failures and any lock of `key` after a successful attempt. */
  reset(key: string): Promise<void>;
}

/**
 * Creates an {@link AccountLock}. Store failures throw `ERR_FLOWLESS_UNAVAILABLE` (fail closed).
 */
export function createAccountLock(options: AccountLockOptions): AccountLock {
  const now = options.now ?? Date.now;
  const failures = createSlidingWindowLimiter({
    backend: options.backend,
    keyPrefix: `${options.keyPrefix}:failures`,
    points: options.maxFailures,
    windowMs: options.windowMs,
    now,
  });
  // Holds the lock's end time (ms since the epoch) as the counter value.
  const lockSeconds = Math.ceil(options.lockMs / 1000) + 1;
  const locks = createCounter({
    backend: options.backend,
    keyPrefix: `${options.keyPrefix}:until`,
    points: Number.MAX_SAFE_INTEGER,
    durationSeconds: lockSeconds,
  });
  return {
    async lockedFor(key) {
      try {
        const until = (await locks.get(key))?.consumedPoints ?? 0;
        return Math.max(0, until - now());
      } catch (error) {
        throw storeUnavailable(error);
      }
    },
    async fail(key) {
      const { count } = await failures.hit(key);
      if (count < options.maxFailures) return;
      try {
        await locks.set(key, Math.ceil(now() + options.lockMs), lockSeconds);
      } catch (error) {
        throw storeUnavailable(error);
      }
      // A fresh count once the lock ends: without this, one more failure would lock again.
      await failures.reset(key);
    },
    async reset(key) {
      await failures.reset(key);
      try {
        await locks.delete(key);
      } catch (error) {
        throw storeUnavailable(error);
      }
    },
  };
}
