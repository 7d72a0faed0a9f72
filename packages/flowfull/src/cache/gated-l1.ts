/**
 * @module An L1 that can be switched off: while the invalidation subscription is down, L1 neither
 * serves nor takes in anything, because invalidations for it may be missed.
 */
import type { L1Driver } from './drivers/driver.js';

/**
 * Wraps an L1 driver behind a gate. Closed, `get` misses and `set` does nothing; removals always
 * go through. Closing empties the driver.
 *
 * @example
 * ```ts
 * const l1 = new GatedL1(new MemoryDriver({ maxSize: 1000 }));
 * l1.open(); // once subscribed
 * l1.close(); // subscription lost: flushed, and bypassed until open() again
 * ```
 */
export class GatedL1<V> implements L1Driver<V> {
  readonly #inner: L1Driver<V>;
  #open = false;

  constructor(inner: L1Driver<V>) {
    this.#inner = inner;
  }

  /** Whether L1 is in use. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** Uses L1 again (after a resync has flushed it). */
  open(): void {
    this.#open = true;
  }

  /** Stops using L1 and empties it. */
  close(): void {
    this.#open = false;
    this.#inner.clear();
  }

  get(key: string): V | undefined {
    return this.#open ? this.#inner.get(key) : undefined;
  }

  set(key: string, value: V, ttlMs: number, generation?: number): void {
    if (this.#open) this.#inner.set(key, value, ttlMs, generation);
  }

  generation(key: string): number | undefined {
    return this.#inner.generation(key);
  }

  delete(key: string): boolean {
    return this.#inner.delete(key);
  }

  deleteByPrefix(prefix: string): number {
    return this.#inner.deleteByPrefix(prefix);
  }

  clear(): void {
    this.#inner.clear();
  }

  get size(): number {
    return this.#inner.size;
  }
}
