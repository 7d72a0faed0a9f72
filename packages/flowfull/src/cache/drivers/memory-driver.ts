/**
 * @module L1 adapter on `lru-cache`: a bounded, per-process, synchronous store.
 */
import { LRUCache } from 'lru-cache';
import type { L1Driver, L1Entry } from './driver.js';

/** Options of {@link MemoryDriver}. */
export interface MemoryDriverOptions {
  /**
   * Maximum number of entries; the least recently used one is evicted beyond it.
   * @default 10_000
   */
  maxSize?: number;
}

/**
 * The default L1: an LRU bounded by entry count. Expiry is checked by the cache against its own
 * clock, so this store does not run timers.
 *
 * @example
 * ```ts
 * const l1 = new MemoryDriver<{ id: string }>({ maxSize: 1000 });
 * ```
 */
export class MemoryDriver<V> implements L1Driver<V> {
  readonly #lru: LRUCache<string, L1Entry<V>>;

  constructor(options: MemoryDriverOptions = {}) {
    const maxSize = options.maxSize ?? 10_000;
    if (!Number.isSafeInteger(maxSize) || maxSize < 1) {
      throw new TypeError('MemoryDriver option "maxSize" must be a positive integer');
    }
    this.#lru = new LRUCache<string, L1Entry<V>>({ max: maxSize });
  }

  get(key: string): L1Entry<V> | undefined {
    return this.#lru.get(key);
  }

  set(key: string, entry: L1Entry<V>): void {
    this.#lru.set(key, entry);
  }

  delete(key: string): boolean {
    return this.#lru.delete(key);
  }

  deleteByPrefix(prefix: string): number {
    if (prefix === '') {
      const count = this.#lru.size;
      this.#lru.clear();
      return count;
    }
    let count = 0;
    for (const key of [...this.#lru.keys()]) {
      if (key.startsWith(prefix) && this.#lru.delete(key)) count++;
    }
    return count;
  }

  clear(): void {
    this.#lru.clear();
  }

  get size(): number {
    return this.#lru.size;
  }
}
