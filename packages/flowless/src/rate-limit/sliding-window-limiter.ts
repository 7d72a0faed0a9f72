/**
 * @module A sliding-window limit per key: at most `points` requests in any `windowMs` span, even
 * for a burst straddling a window boundary (a fixed window would let 2 × points through there).
 *
 * rate-limiter-flexible's limiters are fixed windows, so they are used here only as the atomic,
 * shared counter store: requests are counted in clock-aligned sub-buckets, and a request is
 * allowed when its bucket plus the `buckets` before it (together covering at least the last
 * `windowMs`) hold at most `points`. Every attempt is counted, including refused ones.
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import { type CounterBackend, createCounter } from './counter-store.js';
import { storeUnavailable } from './store-unavailable.js';

/** Outcome of a request against a limit. */
export interface LimitDecision {
  allowed: boolean;
  /** When refused: ms until a request may succeed. */
  retryAfterMs: number;
  /** Requests counted in the window for this key, this one included. */
  count: number;
}

/** Options of {@link createSlidingWindowLimiter}. */
export interface SlidingWindowOptions {
  backend: CounterBackend;
  /** Distinguishes this limit's keys from every other limit's. */
  keyPrefix: string;
  /** Requests allowed per window. */
  points: number;
  /** Window length in ms. */
  windowMs: number;
  /** Sub-buckets per window; more means a tighter window at more reads. @default 4 */
  buckets?: number;
  /** Current time in ms. */
  now: () => number;
}

/** A sliding-window limit. */
export interface SlidingWindowLimiter {
  /** Counts one request for `key` and says whether it is allowed. */
  hit(key: string): Promise<LimitDecision>;
  /** Forgets every request counted for `key` in the current window. */
  reset(key: string): Promise<void>;
}

/**
 * Creates a {@link SlidingWindowLimiter}.
 *
 * @throws FlowlessError `ERR_FLOWLESS_UNAVAILABLE` (503) from `hit` and `reset` when the store
 * fails: limits fail closed.
 */
export function createSlidingWindowLimiter(options: SlidingWindowOptions): SlidingWindowLimiter {
  const buckets = options.buckets ?? 4;
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new TypeError('createSlidingWindowLimiter: buckets must be a positive integer');
  }
  const bucketMs = Math.ceil(options.windowMs / buckets);
  const counter = createCounter({
    backend: options.backend,
    keyPrefix: options.keyPrefix,
    points: Number.MAX_SAFE_INTEGER,
    durationSeconds: Math.ceil((options.windowMs + 2 * bucketMs) / 1000),
  });
  // The `buckets` buckets before `current`, oldest first.
  const earlier = (current: number): number[] =>
    Array.from({ length: buckets }, (_, i) => current - buckets + i);
  return {
    async hit(key) {
      const now = options.now();
      const current = Math.floor(now / bucketMs);
      try {
        const res = await counter.consume(`${key}:${current}`, 1);
        const previous = await Promise.all(earlier(current).map((bucket) => counter.get(`${key}:${bucket}`)));
        const counts = previous.map((r) => r?.consumedPoints ?? 0);
        const count = counts.reduce((sum, n) => sum + n, res.consumedPoints);
        if (count <= options.points) return { allowed: true, retryAfterMs: 0, count };
        // The earliest bucket still holding hits leaves the window first.
        const oldest = counts.findIndex((n) => n > 0);
        const leaving = oldest === -1 ? current + 1 : current - buckets + oldest + 1;
        return { allowed: false, retryAfterMs: Math.max(1000, (leaving + buckets) * bucketMs - now), count };
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          return { allowed: false, retryAfterMs: error.msBeforeNext, count: options.points + 1 };
        }
        throw storeUnavailable(error);
      }
    },
    async reset(key) {
      const current = Math.floor(options.now() / bucketMs);
      try {
        await Promise.all([...earlier(current), current].map((bucket) => counter.delete(`${key}:${bucket}`)));
      } catch (error) {
        throw storeUnavailable(error);
      }
    },
  };
}
