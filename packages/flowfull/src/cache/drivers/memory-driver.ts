/**
 * @module L1 adapter on `lru-cache`: a bounded, per-process, synchronous store.
 */
import { LRUCache } from 'lru-cache';
import type { L1Driver } from './driver.js';

/** Options of {@link MemoryDriver}. */
export interface MemoryDriverOptions {
  /**
   * Maximum number of entries; the least recently used one is evicted beyond it.
   * @default 10_000
   */
  maxSize?: number;
  /**
   * Clock in ms that expiry is measured on (HybridCache passes its own `now`).
   * @default Date.now
   */
  now?: () => number;
  /**
   * How many L2 generations to remember, most recently stored first. Generations only matter for
   * a few milliseconds (until the invalidation of a write reaches this instance), so they are kept
   * beside the values, for the most recent entries only, instead of in every entry.
   * @default 1024 (at most `maxSize`)
   */
  recentGenerations?: number;
}

const positiveInt = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/**
 * The default L1: an LRU bounded by entry count. Values are stored as they are (no wrapper object
 * per entry) and expiry is `lru-cache`'s per-entry TTL, which lives in two arrays preallocated for
 * `maxSize` entries; expired entries are dropped when read, no timers run.
 *
 * @example
 * ```ts
 * const l1 = new MemoryDriver<{ id: string }>({ maxSize: 1000 });
 * l1.set('u1', { id: 'u1' }, 60_000);
 * ```
 */
export class MemoryDriver<V extends {}> implements L1Driver<V> {
  readonly #lru: LRUCache<string, V>;
  readonly #generations: LRUCache<string, number>;
  readonly #now: () => number;

  constructor(options: MemoryDriverOptions = {}) {
    const { maxSize = 10_000, now = Date.now, recentGenerations = 1024 } = options;
    if (!positiveInt(maxSize)) {
      throw new TypeError('MemoryDriver option "maxSize" must be a positive integer');
    }
    if (typeof now !== 'function') throw new TypeError('MemoryDriver option "now" must be a function');
    if (!positiveInt(recentGenerations)) {
      throw new TypeError('MemoryDriver option "recentGenerations" must be a positive integer');
    }
    this.#now = now;
    // ttlResolution 0: read the clock on every check, never cache it behind a timer (an injected
    // clock may jump, and a timer per millisecond is not free on the hit path).
    this.#lru = new LRUCache<string, V>({ max: maxSize, ttlResolution: 0, perf: { now } });
    this.#generations = new LRUCache<string, number>({ max: Math.min(maxSize, recentGenerations) });
  }

  get(key: string): V | undefined {
    return this.#lru.get(key);
  }

  set(key: string, value: V, ttlMs: number, generation?: number): void {
    if (!(ttlMs > 0)) {
      this.delete(key);
      return;
    }
    // lru-cache treats an entry as stale once `now - start > ttl`; the contract is "gone once ttlMs
    // have elapsed" (`>=`), so the start is set half a millisecond early. On a millisecond clock
    // that is exact; on a finer one the entry goes at most 0.5 ms early, never late.
    const start = this.#now() - 0.5;
    this.#lru.set(key, value, { ttl: ttlMs, start: start === 0 ? -Number.MIN_VALUE : start });
    if (generation === undefined) this.#generations.delete(key);
    else this.#generations.set(key, generation);
  }

  generation(key: string): number | undefined {
    return this.#lru.has(key) ? this.#generations.get(key) : undefined;
  }

  delete(key: string): boolean {
    this.#generations.delete(key);
    return this.#lru.delete(key);
  }

  deleteByPrefix(prefix: string): number {
    this.#lru.purgeStale();
    if (prefix === '') {
      const count = this.#lru.size;
      this.clear();
      return count;
    }
    let count = 0;
    for (const key of [...this.#lru.keys()]) {
      if (key.startsWith(prefix) && this.delete(key)) count++;
    }
    return count;
  }

  clear(): void {
    this.#lru.clear();
    this.#generations.clear();
  }

  get size(): number {
    return this.#lru.size;
  }
}
