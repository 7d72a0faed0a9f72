/**
 * @module HybridCache: L1 (per-process LRU) → L2 (Redis, shared) → loader (the database), with
 * backfill, cross-instance invalidation, single-flight loads, TTL jitter and a circuit breaker.
 */
import { CircuitBreaker } from './circuit-breaker.js';
import type { L1Driver, L2Driver } from './drivers/driver.js';
import { MemoryDriver } from './drivers/memory-driver.js';
import { CacheClosedError, CacheKeyError, CacheOptionError } from './errors.js';
import type { Invalidation } from './invalidation-bus.js';
import { InvalidationMarks } from './invalidation-marks.js';
import { cloneJson, type EncodedValue, encodeValue, type JsonValue } from './json-value.js';
import { type CacheCounters, createCounters, type HybridCacheMetrics } from './metrics.js';
import { type HybridCacheOptions, type ResolvedCacheOptions, resolveCacheOptions } from './options.js';
import { createRedisBackend, type RedisBackend } from './redis-backend.js';
import { SingleFlight } from './single-flight.js';

/** Options of `getOrSet`. */
export interface GetOrSetOptions {
  /** Time to live of the loaded value, in seconds. @default the cache's `ttl` */
  ttl?: number;
}

type Flight = { readonly value: JsonValue | null; readonly fromL2: boolean };
type L2Outcome = { readonly value: JsonValue | null; readonly generation: number | undefined };

const UNAVAILABLE = Symbol('l2-unavailable');
const MAX_KEY_LENGTH = 1024;

function keyError(key: unknown): CacheKeyError | undefined {
  if (typeof key !== 'string') return new CacheKeyError('must be a string');
  if (key.length === 0) return new CacheKeyError('must not be empty');
  if (key.length > MAX_KEY_LENGTH) return new CacheKeyError(`must be at most ${MAX_KEY_LENGTH} characters`);
  return undefined;
}

/**
 * A three-tier cache. Values are JSON documents; every read hands out a private deep copy, so
 * mutating what you get never changes the cached value. Cache faults are counted and logged, never
 * thrown: `getOrSet` falls through to the loader.
 *
 * @example
 * ```ts
 * const userCache = new HybridCache<UserData>({ cacheType: 'userContext', ttl: 300, maxSize: 10000, keyPrefix: 'user_ctx:', redis: 'redis://127.0.0.1:6379' });
 * const user = await userCache.getOrSet(userId, () => db.findUser(userId));
 * ```
 */
export class HybridCache<T> {
  readonly #o: ResolvedCacheOptions;
  readonly #l1: L1Driver<JsonValue>;
  readonly #l2: L2Driver | null;
  readonly #redis: RedisBackend | null;
  readonly #breaker: CircuitBreaker;
  readonly #marks: InvalidationMarks;
  readonly #flights = new SingleFlight<Flight>();
  readonly #counters: CacheCounters = createCounters();
  #closed = false;
  #readsInFlight = 0;

  constructor(options: HybridCacheOptions = {}) {
    const o = resolveCacheOptions(options);
    this.#o = o;
    this.#l1 = options.l1 ?? new MemoryDriver<JsonValue>({ maxSize: o.maxSize });
    this.#marks = new InvalidationMarks(Math.max(o.maxSize, 1024));
    this.#breaker = new CircuitBreaker({
      failureThreshold: o.breakerThreshold,
      openDurationMs: o.breakerOpenMs,
      now: o.now,
      onStateChange: (state) => this.#onBreaker(state),
    });
    const redis = options.l2 === undefined && o.redis !== null ? o.redis : null;
    this.#redis =
      redis === null
        ? null
        : createRedisBackend(
            { ...o, redis },
            {
              onInvalidation: (invalidation) => this.#dropLocal(invalidation),
              onResync: () => this.#dropLocal({ prefix: '' }),
            },
          );
    this.#l2 = options.l2 ?? this.#redis?.driver ?? null;
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
    return this.#readL2(key, this.#marks.ticket()).then((outcome) => {
      if (outcome.value === null) {
        this.#counters.cacheMisses++;
        return null;
      }
      this.#counters.cacheHits++;
      this.#counters.redisHits++;
      return cloneJson(outcome.value) as T;
    });
  }

  /** Stores `value` in both tiers for `ttl` seconds and tells the other instances to drop their copy. */
  async set(key: string, value: T, ttl?: number): Promise<void> {
    this.#assertUsable(key);
    const encoded = encodeValue(value);
    const ttlMs = this.#ttlMs(ttl);
    this.#invalidateLocal(key);
    const generation = await this.#store(key, encoded, ttlMs, this.#marks.ticket(), 'unconditional');
    await this.#publish(
      generation === undefined ? { keys: [key] } : { keys: [key], generations: [generation] },
    );
  }

  /** Deletes `key` everywhere: this L1, L2 (leaving a tombstone) and, through the bus, other L1s. */
  async delete(key: string): Promise<void> {
    this.#assertUsable(key);
    this.#l1.delete(key);
    this.#invalidateLocal(key);
    const deleting = this.#callL2(
      (l2) => l2.delete([this.#o.keyPrefix + key], this.#o.tombstoneTtlMs),
      'delete',
    );
    // One connection is FIFO: a PUBLISH sent right behind the delete still reaches Redis after it,
    // so other instances cannot re-read the old value, and the invalidation arrives one round trip sooner.
    const redis = this.#redis;
    const pipelined =
      redis?.client.status === 'ready' && this.#l2 === redis.driver && this.#breaker.state === 'closed';
    if (pipelined) {
      await Promise.all([deleting, this.#publish({ keys: [key] })]);
    } else {
      await deleting;
      await this.#publish({ keys: [key] });
    }
  }

  /**
   * The cached value of `key`, or the loader's result (tier 3), stored in both tiers. Concurrent
   * misses of one key in this process share one loader call and its result or error. A loader
   * result of null/undefined is returned but not cached.
   */
  getOrSet(key: string, loader: () => T | Promise<T>, options: GetOrSetOptions = {}): Promise<T> {
    const invalid =
      this.#invalid(key) ??
      (typeof loader === 'function' ? undefined : new CacheOptionError('loader', 'a function'));
    if (invalid !== undefined) return Promise.reject(invalid);
    let ttlMs: number;
    try {
      ttlMs = this.#ttlMs(options.ttl);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#counters.totalRequests++;
    const hit = this.#l1Hit(key);
    if (hit !== undefined) return Promise.resolve(hit);
    return this.#flights
      .run(key, () => this.#load(key, loader, ttlMs))
      .then((result) => {
        if (result.fromL2) {
          this.#counters.cacheHits++;
          this.#counters.redisHits++;
        } else {
          this.#counters.cacheMisses++;
        }
        return (result.value === null ? result.value : cloneJson(result.value)) as T;
      });
  }

  /** Deletes every key that starts with `prefix` (within this cache's keyPrefix); returns the count. */
  async deleteByPrefix(prefix: string): Promise<number> {
    if (typeof prefix !== 'string') throw new CacheKeyError('prefix must be a string');
    if (this.#closed) throw new CacheClosedError();
    const local = this.#dropLocal({ prefix });
    const fromL2 = await this.#callL2(
      (l2) => l2.deleteByPrefix(this.#o.keyPrefix + prefix, this.#o.tombstoneTtlMs),
      'deleteByPrefix',
    );
    await this.#publish({ prefix });
    return fromL2 === UNAVAILABLE ? local : fromL2;
  }

  /** Deletes every key of this cache (its keyPrefix) in both tiers and on every instance. */
  clear(): Promise<number> {
    return this.deleteByPrefix('');
  }

  /** The spec's CacheMetrics plus breaker state and bus counters. */
  metrics(): HybridCacheMetrics {
    const c = this.#counters;
    return {
      ...c,
      hitRate: c.totalRequests === 0 ? 0 : (c.cacheHits / c.totalRequests) * 100,
      cacheType: this.#o.cacheType,
      l1Size: this.#l1.size,
      inFlight: this.#flights.size,
      breaker: this.#l2 === null ? 'closed' : this.#breaker.state,
      bus: this.#redis === null ? null : { ...this.#redis.bus.counters },
    };
  }

  /** Closes the connections the cache opened and empties L1. Further calls reject with ERR_CACHE_CLOSED. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#l1.clear();
    await this.#redis?.bus.close();
    await this.#l2?.close();
  }

  #invalid(key: string): Error | undefined {
    return this.#closed ? new CacheClosedError() : keyError(key);
  }

  #assertUsable(key: string): void {
    const invalid = this.#invalid(key);
    if (invalid !== undefined) throw invalid;
  }

  #ttlMs(ttl: number | undefined): number {
    if (ttl === undefined) return this.#o.ttlMs;
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0)
      throw new CacheOptionError('ttl', 'a positive number of seconds');
    return Math.round(ttl * 1000);
  }

  /** The fast path: a synchronous L1 lookup, returning a private copy. */
  #l1Hit(key: string): T | undefined {
    const entry = this.#l1.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#o.now()) {
      this.#l1.delete(key);
      return undefined;
    }
    this.#counters.cacheHits++;
    this.#counters.lruHits++;
    return cloneJson(entry.value) as T;
  }

  async #load(key: string, loader: () => T | Promise<T>, ttlMs: number): Promise<Flight> {
    const ticket = this.#marks.ticket();
    const l2 = await this.#readL2(key, ticket);
    if (l2.value !== null) return { value: l2.value, fromL2: true };
    this.#counters.dbHits++;
    const loaded: unknown = await loader();
    if (loaded === null || loaded === undefined) return { value: null, fromL2: false };
    const encoded = encodeValue(loaded);
    // Without the generation (L2 unreadable), an L2 write could resurrect a concurrent delete.
    // Stored before waiters resume: once getOrSet resolves, other instances find the value in L2.
    await this.#store(key, encoded, ttlMs, ticket, l2.generation ?? 'skip-l2');
    return { value: encoded.tree, fromL2: false };
  }

  /** Reads L2 and backfills L1 for no longer than the L2 entry's remaining TTL. */
  async #readL2(key: string, ticket: number): Promise<L2Outcome> {
    this.#readsInFlight++;
    const read = await this.#callL2((l2) => l2.read(this.#o.keyPrefix + key), 'read').finally(() => {
      this.#readsInFlight--;
    });
    if (read === UNAVAILABLE) return { value: null, generation: undefined };
    if (read.json === null) return { value: null, generation: read.generation };
    let value: JsonValue;
    try {
      value = JSON.parse(read.json) as JsonValue;
    } catch (error) {
      this.#fault('read', error);
      return { value: null, generation: read.generation };
    }
    const ttlMs = read.ttlMs > 0 ? read.ttlMs : this.#o.ttlMs;
    if (!this.#marks.stale(key, ticket, read.generation)) {
      this.#l1.set(key, { value, expiresAt: this.#o.now() + ttlMs, generation: read.generation });
    }
    return { value, generation: read.generation };
  }

  /**
   * Writes L2 (conditionally on the `expected` generation) then L1, unless the key was invalidated
   * since `ticket`. A plain `set` writes L1 first (read-your-writes). Returns the L2 generation.
   */
  async #store(
    key: string,
    encoded: EncodedValue,
    ttlMs: number,
    ticket: number,
    expected: number | 'unconditional' | 'skip-l2',
  ): Promise<number | undefined> {
    const lifetime = Math.max(1, Math.round(ttlMs * (1 + this.#o.jitter * (2 * this.#o.random() - 1))));
    const expiresAt = this.#o.now() + lifetime;
    const value = encoded.tree;
    if (expected === 'unconditional') this.#l1.set(key, { value, expiresAt });
    let generation: number | undefined;
    if (expected !== 'skip-l2') {
      const condition = expected === 'unconditional' ? undefined : expected;
      const written = await this.#callL2(
        (l2) => l2.write(this.#o.keyPrefix + key, encoded.json, lifetime, condition),
        'write',
      );
      if (written === null) return undefined; // someone wrote or deleted the key since we read it
      if (written !== UNAVAILABLE) generation = written;
    }
    const current = this.#l1.get(key);
    if (expected === 'unconditional' ? current?.value === value : !this.#marks.stale(key, ticket)) {
      this.#l1.set(key, { value, expiresAt, generation });
    }
    return generation;
  }

  async #callL2<R>(call: (l2: L2Driver) => Promise<R>, operation: string): Promise<R | typeof UNAVAILABLE> {
    const l2 = this.#l2;
    if (l2 === null || !this.#breaker.tryAcquire()) return UNAVAILABLE;
    try {
      const result = await call(l2);
      this.#breaker.success();
      return result;
    } catch (error) {
      this.#breaker.failure();
      this.#fault(operation, error);
      return UNAVAILABLE;
    }
  }

  async #publish(invalidation: Invalidation): Promise<void> {
    const bus = this.#redis?.bus;
    if (bus !== undefined) await this.#callL2(() => bus.publish(invalidation), 'publish');
  }

  #fault(operation: string, error: unknown): void {
    this.#counters.errors++;
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    const message = error instanceof Error ? error.message : String(error);
    this.#o.logger.warn(
      { cacheType: this.#o.cacheType, layer: 'l2', operation, code, error: message },
      'cache fault',
    );
  }

  #onBreaker(state: string): void {
    this.#o.logger.warn(
      { cacheType: this.#o.cacheType, layer: 'l2', breaker: state },
      'cache circuit breaker',
    );
    // A half-dead socket never errors; a fresh connection is the way out.
    if (state === 'open' && this.#redis?.ownsClient) this.#redis.client.disconnect(true);
  }

  #invalidateLocal(key: string, generation?: number): void {
    // Marks only matter to reads and loads already running; skipping them otherwise keeps a burst
    // of writes from filling the mark table (memory) for nothing.
    if (this.#readsInFlight > 0 || this.#flights.size > 0) this.#marks.invalidate(key, generation);
    this.#flights.forget(key);
  }

  /** Drops local state for an invalidation received from the bus, a prefix delete or a resync. */
  #dropLocal(invalidation: Invalidation): number {
    if ('keys' in invalidation) {
      const { keys, generations } = invalidation;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        // A copy at least as new as the announced write (we read it after that write) stays.
        const held = this.#l1.get(key)?.generation;
        const announced = generations?.[i];
        if (held === undefined || announced === undefined || held < announced) this.#l1.delete(key);
        this.#invalidateLocal(key, announced);
      }
      return invalidation.keys.length;
    }
    this.#marks.invalidateAll();
    this.#flights.forgetPrefix(invalidation.prefix);
    return this.#l1.deleteByPrefix(invalidation.prefix);
  }
}
