/**
 * @module HybridCache: L1 (per-process LRU) → L2 (Redis, shared) → loader (the database), with
 * backfill, cross-instance invalidation, single-flight loads, TTL jitter and a circuit breaker.
 */
import { assembleCache, type Flight } from './cache-assembly.js';
import { configuredCache } from './cache-defaults.js';
import { keyError, ttlOverrideMs } from './cache-input.js';
import { CacheClosedError, CacheKeyError, CacheOptionError } from './errors.js';
import { UNAVAILABLE } from './guarded-l2.js';
import type { Invalidation } from './invalidation-bus.js';
import { cloneJson, encodeValue } from './json-value.js';
import { countMiss, loadThrough } from './load-through.js';
import type { LocalInvalidation } from './local-invalidation.js';
import type { CacheCounters, HybridCacheMetrics } from './metrics.js';
import { type HybridCacheOptions, type ResolvedCacheOptions, resolveCacheOptions } from './options.js';
import type { RedisBackend } from './redis-backend.js';
import type { SingleFlight } from './single-flight.js';
import type { Tiers } from './tiers.js';

/** Options of `getOrSet`. */
export interface GetOrSetOptions {
  /** Time to live of the loaded value, in seconds. @default the cache's `ttl` */
  ttl?: number;
}

/**
 * A three-tier cache. Values are JSON documents; every read hands out a private deep copy, so
 * mutating what you get never changes the cached value. Cache faults are counted and logged, never
 * thrown: `getOrSet` falls through to the loader. With Redis, L1 is used only while this instance
 * is subscribed to invalidations (L2 and the loader serve meanwhile).
 *
 * @example
 * ```ts
 * const userCache = new HybridCache<UserData>({ cacheType: 'userContext', ttl: 300, maxSize: 10000, keyPrefix: 'user_ctx:', config });
 * const user = await userCache.getOrSet(userId, () => db.findUser(userId));
 * ```
 */
export class HybridCache<T> {
  readonly #o: ResolvedCacheOptions;
  readonly #tiers: Tiers;
  readonly #redis: RedisBackend | null;
  readonly #flights: SingleFlight<Flight>;
  readonly #local: LocalInvalidation;
  readonly #counters: CacheCounters;
  #closed = false;

  constructor(options: HybridCacheOptions = {}) {
    this.#o = resolveCacheOptions(options, configuredCache());
    const parts = assembleCache(this.#o, options);
    this.#tiers = parts.tiers;
    this.#redis = parts.redis;
    this.#flights = parts.flights;
    this.#local = parts.local;
    this.#counters = parts.counters;
  }

  /** Resolves true once Redis and the invalidation subscription are up (always true in memory-only mode). */
  async ready(timeoutMs = 2000): Promise<boolean> {
    return this.#redis === null ? true : this.#redis.bus.ready(timeoutMs);
  }

  /** The value of `key` from L1 or L2, or null. Never calls a loader. */
  get(key: string): Promise<T | null> {
    const invalid = this.#invalid(key);
    if (invalid !== undefined) return Promise.reject(invalid);
    this.#counters.totalRequests++;
    const hit = this.#l1Hit(key);
    if (hit !== undefined) return Promise.resolve(hit);
    return this.#tiers.readL2(key, this.#tiers.marks.ticket()).then((outcome) => {
      countMiss(this.#counters, outcome.value !== null);
      return outcome.value === null ? null : (cloneJson(outcome.value) as T);
    });
  }

  /**
   * This instance's L1 copy of `key`, synchronously: never L2, never a loader, `undefined` on a
   * miss (and while L1 is bypassed after a lost invalidation subscription). Unlike `get`, the value
   * is the cached one itself, shared by every `peek`: read it, never change it.
   *
   * @example
   * ```ts
   * const hot = sessions.peek(hash) ?? (await sessions.get(hash));
   * ```
   */
  peek(key: string): Readonly<T> | undefined {
    const value = this.#tiers.l1.get(key);
    if (value === undefined) return undefined;
    this.#counters.totalRequests++;
    this.#counters.cacheHits++;
    this.#counters.lruHits++;
    return value as Readonly<T>;
  }

  /**
   * Stores a value other instances may hold too (the same fact, learnt again: a validation, a
   * lookup) in both tiers for `ttl` seconds, without telling them to drop their copies. L1 is filled
   * before this returns a promise; the promise settles when L2 is written. Use `set` for a change.
   *
   * @example
   * ```ts
   * void sessions.fill(hash, validation, 300);
   * ```
   */
  fill(key: string, value: T, ttl?: number): Promise<void> {
    let encoded: ReturnType<typeof encodeValue>;
    let ttlMs: number;
    try {
      this.#assertUsable(key);
      encoded = encodeValue(value);
      ttlMs = ttlOverrideMs(ttl, this.#o.ttlMs);
    } catch (error) {
      return Promise.reject(error);
    }
    const ticket = this.#tiers.marks.ticket();
    return this.#tiers.store(key, encoded, ttlMs, ticket, 'unconditional').then(() => undefined);
  }

  /** Empties this instance's L1 only (it may have missed invalidations); L2 and other instances keep theirs. */
  clearLocal(): void {
    this.#local.drop({ prefix: '' });
  }

  /** Stores `value` in both tiers for `ttl` seconds and tells the other instances to drop their copy. */
  async set(key: string, value: T, ttl?: number): Promise<void> {
    this.#assertUsable(key);
    const encoded = encodeValue(value);
    const ttlMs = ttlOverrideMs(ttl, this.#o.ttlMs);
    this.#local.invalidate(key);
    const ticket = this.#tiers.marks.ticket();
    const generation = await this.#tiers.store(key, encoded, ttlMs, ticket, 'unconditional');
    await this.#publish(
      generation === undefined ? { keys: [key] } : { keys: [key], generations: [generation] },
    );
  }

  /** Deletes `key` everywhere: this L1, L2 (leaving a tombstone) and, through the bus, other L1s. */
  async delete(key: string): Promise<void> {
    this.#assertUsable(key);
    this.#tiers.l1.delete(key);
    this.#local.invalidate(key);
    const l2 = this.#tiers.l2;
    const deleting = l2.call(
      (driver) => driver.delete([this.#o.keyPrefix + key], this.#o.tombstoneTtlMs),
      'delete',
    );
    // One connection is FIFO: a PUBLISH sent right behind the delete still reaches Redis after it,
    // so other instances cannot re-read the old value, and the invalidation arrives one round trip sooner.
    const redis = this.#redis;
    if (redis?.client.status === 'ready' && l2.driver === redis.driver && l2.state === 'closed') {
      await Promise.all([deleting, this.#publish({ keys: [key] })]);
    } else {
      await deleting;
      await this.#publish({ keys: [key] });
    }
  }

  /**
   * The cached value of `key`, or the loader's result (tier 3), stored in both tiers before this
   * resolves. Concurrent misses of one key in this process share one loader call and its result or
   * error. A loader result of null/undefined is returned but not cached.
   */
  getOrSet(key: string, loader: () => T | Promise<T>, options: GetOrSetOptions = {}): Promise<T> {
    let ttlMs: number;
    try {
      this.#assertUsable(key);
      if (typeof loader !== 'function') throw new CacheOptionError('loader', 'a function');
      ttlMs = ttlOverrideMs(options.ttl, this.#o.ttlMs);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#counters.totalRequests++;
    const hit = this.#l1Hit(key);
    if (hit !== undefined) return Promise.resolve(hit);
    return this.#flights
      .run(key, () => loadThrough(this.#tiers, this.#counters, key, loader, ttlMs))
      .then((result) => {
        countMiss(this.#counters, result.fromL2);
        return (result.value === null ? result.value : cloneJson(result.value)) as T;
      });
  }

  /** Deletes every key that starts with `prefix` (within this cache's keyPrefix); returns the count. */
  async deleteByPrefix(prefix: string): Promise<number> {
    if (typeof prefix !== 'string') throw new CacheKeyError('prefix must be a string');
    if (this.#closed) throw new CacheClosedError();
    const local = this.#local.drop({ prefix });
    const fromL2 = await this.#tiers.l2.call(
      (driver) => driver.deleteByPrefix(this.#o.keyPrefix + prefix, this.#o.tombstoneTtlMs),
      'deleteByPrefix',
    );
    await this.#publish({ prefix });
    return fromL2 === UNAVAILABLE ? local : fromL2;
  }

  /** Deletes every key of this cache (its keyPrefix) in both tiers and on every instance. */
  clear(): Promise<number> {
    return this.deleteByPrefix('');
  }

  /** CacheMetrics plus breaker state and bus counters. */
  metrics(): HybridCacheMetrics {
    const c = this.#counters;
    return {
      ...c,
      hitRate: c.totalRequests === 0 ? 0 : (c.cacheHits / c.totalRequests) * 100,
      cacheType: this.#o.cacheType,
      l1Size: this.#tiers.l1.size,
      inFlight: this.#flights.size,
      breaker: this.#tiers.l2.state,
      bus: this.#redis === null ? null : { ...this.#redis.bus.counters },
    };
  }

  /** Closes the connections the cache opened and empties L1. Further calls reject with ERR_CACHE_CLOSED. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#tiers.l1.clear();
    await this.#redis?.bus.close();
    await this.#tiers.l2.driver?.close();
  }

  #invalid(key: string): Error | undefined {
    return this.#closed ? new CacheClosedError() : keyError(key);
  }

  #assertUsable(key: string): void {
    const invalid = this.#invalid(key);
    if (invalid !== undefined) throw invalid;
  }

  /** The fast path: a synchronous L1 lookup, returning a private copy. */
  #l1Hit(key: string): T | undefined {
    const value = this.#tiers.l1.get(key);
    if (value === undefined) return undefined;
    this.#counters.cacheHits++;
    this.#counters.lruHits++;
    return cloneJson(value) as T;
  }

  async #publish(invalidation: Invalidation): Promise<void> {
    const bus = this.#redis?.bus;
    if (bus !== undefined) await this.#tiers.l2.call(() => bus.publish(invalidation), 'publish');
  }
}
