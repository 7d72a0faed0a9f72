/**
 * @module A circuit breaker for the shared tier: after repeated faults, stop calling L2 for a while,
 * then let one probe through (half-open) to find out whether it is back.
 */

/** State of a {@link CircuitBreaker}. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /**
   * Consecutive faults that open the circuit.
   * @default 5
   */
  failureThreshold?: number;
  /**
   * How long the circuit stays open before a half-open probe, in ms.
   * @default 1000
   */
  openDurationMs?: number;
  /**
   * Clock, in ms.
   * @default Date.now
   */
  now?: () => number;
  /** Called on every state change. */
  onStateChange?: (state: BreakerState) => void;
}

/**
 * Consecutive-failure breaker. `tryAcquire()` says whether a call may go out; report its outcome
 * with `success()` or `failure()`. While half-open exactly one probe is in flight.
 *
 * @example
 * ```ts
 * if (breaker.tryAcquire()) {
 *   try { await l2.read(key); breaker.success(); } catch { breaker.failure(); }
 * }
 * ```
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #openMs: number;
  readonly #now: () => number;
  readonly #onStateChange: ((state: BreakerState) => void) | undefined;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probing = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? 5;
    this.#openMs = options.openDurationMs ?? 1000;
    this.#now = options.now ?? Date.now;
    this.#onStateChange = options.onStateChange;
  }

  /** Current state; an open circuit whose wait is over reports `half-open`. */
  get state(): BreakerState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.#openMs) return 'half-open';
    return this.#state;
  }

  /** Whether a call may go out now. In half-open, grants a single probe. */
  tryAcquire(): boolean {
    if (this.#state === 'closed') return true;
    if (this.state === 'open' || this.#probing) return false;
    this.#probing = true;
    this.#set('half-open');
    return true;
  }

  /** Reports a successful call: closes the circuit. */
  success(): void {
    this.#failures = 0;
    this.#probing = false;
    if (this.#state !== 'closed') this.#set('closed');
  }

  /** Reports a fault: opens the circuit at the threshold, or again after a failed probe. */
  failure(): void {
    this.#failures++;
    const wasProbe = this.#probing;
    this.#probing = false;
    if (wasProbe || (this.#state === 'closed' && this.#failures >= this.#threshold)) {
      this.#openedAt = this.#now();
      this.#set('open');
    }
  }

  #set(state: BreakerState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#onStateChange?.(state);
  }
}
