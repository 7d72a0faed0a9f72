/**
 * @module An L1 that can be switched off: while the invalidation subscription is down, L1 neither
 * serves nor takes in anything, because invalidations for it may be missed — unless Redis itself
 * is out (its breaker open or half-open), when no instance can publish or read invalidations and L1 goes on
 * serving, as a Redis outage must not affect L1 hits.
 */
import type { L1Driver } from './drivers/driver.js';

/**
 * Wraps an L1 driver behind a gate. Closed, `get` misses and `set` does nothing, except while
 * `outage()` says Redis is out; removals always go through. Opening empties the driver first.
 */
export class GatedL1<V> implements L1Driver<V> {
  readonly #inner: L1Driver<V>;
  readonly #outage: () => boolean;
  #open = false;

  constructor(inner: L1Driver<V>, outage: () => boolean = () => false) {
    this.#inner = inner;
    this.#outage = outage;
  }

  /** Whether L1 is in use. */
  get isOpen(): boolean {
    return this.#open || this.#outage();
  }

  /** Empties L1 (it may hold what missed invalidations were about) and uses it again. */
  open(): void {
    this.#inner.clear();
    this.#open = true;
  }

  /** Stops using L1 while Redis answers; its entries wait for {@link open}, which drops them. */
  close(): void {
    this.#open = false;
  }

  get(key: string): V | undefined {
    return this.isOpen ? this.#inner.get(key) : undefined;
  }

  set(key: string, value: V, ttlMs: number, generation?: number): void {
    if (this.isOpen) this.#inner.set(key, value, ttlMs, generation);
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
