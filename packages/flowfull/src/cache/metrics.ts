/**
 * @module The figures a HybridCache reports.
 */
import type { BreakerState } from '../resilience/circuit-breaker.js';
import type { BusCounters } from './invalidation-bus.js';

/**
 * The cache metrics. Every `get`/`getOrSet` call counts once in `totalRequests` and once in
 * either `cacheHits` (as `lruHits` or `redisHits`) or `cacheMisses`. `dbHits` counts loader calls
 * (a stampede of 1,000 misses that single-flight collapses counts 1). `errors` counts cache faults.
 */
export interface CacheMetrics {
  totalRequests: number;
  cacheHits: number;
  cacheMisses: number;
  redisHits: number;
  lruHits: number;
  dbHits: number;
  errors: number;
  /** `cacheHits / totalRequests × 100`, 0 before the first request. */
  hitRate: number;
}

/**
 * `CacheMetrics` plus the state of the machinery around the tiers.
 *
 * @example
 * ```ts
 * const { hitRate, breaker, bus } = cache.metrics();
 * ```
 */
export interface HybridCacheMetrics extends CacheMetrics {
  /** The cache's `cacheType`. */
  cacheType: string;
  /** Entries in L1 right now. */
  l1Size: number;
  /** Keys with a load in flight. */
  inFlight: number;
  /** L2 circuit breaker state (`closed` when there is no L2). */
  breaker: BreakerState;
  /** Invalidation bus counters, null without Redis. */
  bus: BusCounters | null;
}

/** The mutable counters behind {@link CacheMetrics}. */
export type CacheCounters = Omit<CacheMetrics, 'hitRate'>;

/**
 * Fresh zeroed counters.
 */
export function createCounters(): CacheCounters {
  return { totalRequests: 0, cacheHits: 0, cacheMisses: 0, redisHits: 0, lruHits: 0, dbHits: 0, errors: 0 };
}
