/**
 * @module Where rate-limit counters live: Redis when `REDIS_URL` is set (shared by every
 * instance), process memory otherwise. Both come from rate-limiter-flexible.
 */
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** The backing store of the limiters: a Redis client, or `'memory'`. */
export type CounterBackend = Redis | 'memory';

/** Options of {@link createCounter}. */
export interface CounterOptions {
  backend: CounterBackend;
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  blockDurationSeconds?: number;
}

/**
 * A rate-limiter-flexible limiter on `backend`. With Redis it rejects at once while Redis is not
 * ready, so credential routes fail closed instead of queueing.
 */
export function createCounter(options: CounterOptions): RateLimiterAbstract {
  const common = {
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
    blockDuration: options.blockDurationSeconds ?? 0,
  };
  if (options.backend === 'memory') return new RateLimiterMemory(common);
  return new RateLimiterRedis({ ...common, storeClient: options.backend, rejectIfRedisNotReady: true });
}
