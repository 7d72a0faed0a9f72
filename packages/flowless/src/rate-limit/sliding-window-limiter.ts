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
import { FlowlessError } from '../errors.js';
import { type CounterBackend, createCounter } from './counter-store.js';

/** Outcome of a request against a limit. */
export interface LimitDecision {
  allowed: boolean;
  /** When refused: ms until a request may succeed. */
  retryAfterMs: number;
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
}

/**
 * Creates a {@link SlidingWindowLimiter}.
 *
 * @throws FlowlessError `ERR_FLOWLESS_UNAVAILABLE` (503) from `hit` when the store fails: limits
 * fail closed.
 * @example
 * ```ts
 * const limiter = createSlidingWindowLimiter({ backend: redis, keyPrefix: 'rl:login', points: 10, windowMs: 60_000, now: Date.now });
 * const { allowed } = await limiter.hit(`login:${ip}`);
 * ```
 */
export function createSlidingWindowLimiter(options: SlidingWindowOptions): SlidingWindowLimiter {
  const buckets = options.buckets ?? 4;
  const bucketMs = Math.ceil(options.windowMs / buckets);
  const counter = createCounter({
    backend: options.backend,
    keyPrefix: options.keyPrefix,
    points: Number.MAX_SAFE_INTEGER,
    durationSeconds: Math.ceil((options.windowMs + 2 * bucketMs) / 1000),
  });
  return {
    async hit(key) {
      const now = options.now();
      const current = Math.floor(now / bucketMs);
      try {
        const res = await counter.consume(`${key}:${current}`, 1);
        const previous = await Promise.all(
          Array.from({ length: buckets }, (_, i) => counter.get(`${key}:${current - buckets + i}`)),
        );
        const counts = previous.map((r) => r?.consumedPoints ?? 0);
        const total = counts.reduce((sum, n) => sum + n, res.consumedPoints);
        if (total <= options.points) return { allowed: true, retryAfterMs: 0 };
        // The earliest bucket still holding hits leaves the window first.
        const oldest = counts.findIndex((n) => n > 0);
        const leaving = oldest === -1 ? current + 1 : current - buckets + oldest + 1;
        return { allowed: false, retryAfterMs: Math.max(1000, (leaving + buckets) * bucketMs - now) };
      } catch (error) {
        if (error instanceof RateLimiterRes) return { allowed: false, retryAfterMs: error.msBeforeNext };
        throw new FlowlessError('ERR_FLOWLESS_UNAVAILABLE', 'Service temporarily unavailable', {
          status: 503,
          cause: error,
          headers: { 'Retry-After': '5' },
        });
      }
    },
  };
}
