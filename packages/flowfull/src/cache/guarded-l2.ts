/**
 * @module The L2 driver behind its circuit breaker: every call is either made (and its outcome
 * reported to the breaker) or refused, and a fault is counted and logged, never thrown.
 */
import { type BreakerState, CircuitBreaker } from '../resilience/circuit-breaker.js';
import type { L2Driver } from './drivers/driver.js';
import type { CacheCounters } from './metrics.js';
import type { ResolvedCacheOptions } from './options.js';

/** What a guarded call returns when L2 is absent, the breaker refuses, or the call faulted. */
export const UNAVAILABLE: unique symbol = Symbol('l2-unavailable');

/**
 * Wraps an optional L2 driver with a breaker, fault counting and logging (no keys, no values).
 */
export class GuardedL2 {
  readonly driver: L2Driver | null;
  readonly #o: ResolvedCacheOptions;
  readonly #counters: CacheCounters;
  readonly #breaker: CircuitBreaker;

  constructor(
    driver: L2Driver | null,
    options: ResolvedCacheOptions,
    counters: CacheCounters,
    onOpen: () => void,
  ) {
    this.driver = driver;
    this.#o = options;
    this.#counters = counters;
    this.#breaker = new CircuitBreaker({
      failureThreshold: options.breakerThreshold,
      openDurationMs: options.breakerOpenMs,
      now: options.now,
      onStateChange: (state) => {
        options.logger.warn(
          { cacheType: options.cacheType, layer: 'l2', breaker: state },
          'cache circuit breaker',
        );
        if (state === 'open') onOpen();
      },
    });
  }

  /** The breaker's state (`closed` without L2). */
  get state(): BreakerState {
    return this.driver === null ? 'closed' : this.#breaker.state;
  }

  /** Makes the call if L2 exists and the breaker allows it. */
  async call<R>(call: (driver: L2Driver) => Promise<R>, operation: string): Promise<R | typeof UNAVAILABLE> {
    const driver = this.driver;
    if (driver === null) return UNAVAILABLE;
    const permit = this.#breaker.acquire();
    if (permit === null) return UNAVAILABLE;
    try {
      const result = await call(driver);
      this.#breaker.success();
      return result;
    } catch (error) {
      this.#breaker.failure(permit);
      this.fault(operation, error);
      return UNAVAILABLE;
    }
  }

  /** Counts and logs a fault (operation and error code only). */
  fault(operation: string, error: unknown): void {
    this.#counters.errors++;
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    const message = error instanceof Error ? error.message : String(error);
    this.#o.logger.warn(
      { cacheType: this.#o.cacheType, layer: 'l2', operation, code, error: message },
      'cache fault',
    );
  }
}
