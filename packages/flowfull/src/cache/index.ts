/**
 * @module flowfull/cache: HybridCache, a three-tier cache (per-process LRU → Redis → loader) with
 * cross-instance invalidation, single-flight loads, TTL jitter and a circuit breaker on Redis.
 */

export type { BreakerPermit, BreakerState, CircuitBreakerOptions } from '../resilience/circuit-breaker.js';
export { CircuitBreaker } from '../resilience/circuit-breaker.js';
export { configureCache, resetCacheConfiguration } from './cache-defaults.js';
export type { L1Driver, L2Driver, L2Read } from './drivers/driver.js';
export type { MemoryDriverOptions } from './drivers/memory-driver.js';
export { MemoryDriver } from './drivers/memory-driver.js';
export type { RedisConnectionOptions } from './drivers/redis-connection.js';
export { createCacheRedisClient } from './drivers/redis-connection.js';
export type { RedisDriverClient, RedisDriverOptions } from './drivers/redis-driver.js';
export { RedisDriver } from './drivers/redis-driver.js';
export type { CacheErrorCode } from './errors.js';
export {
  CacheClosedError,
  CacheError,
  CacheFaultError,
  CacheKeyError,
  CacheOptionError,
  CacheValueError,
} from './errors.js';
export type { GetOrSetOptions } from './hybrid-cache.js';
export { HybridCache } from './hybrid-cache.js';
export type { BusCounters, Invalidation } from './invalidation-bus.js';
export type { JsonValue } from './json-value.js';
export type { CacheMetrics, HybridCacheMetrics } from './metrics.js';
export type { CacheConfig, CacheLogger, HybridCacheOptions } from './options.js';
