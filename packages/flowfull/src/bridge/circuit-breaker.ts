/**
 * @module A consecutive-failure circuit breaker for calls to Flowless. Written here because the
 * workspace has no breaker dependency and the need is small: closed → open after N failures in a
 * row → one half-open probe after a cool-down → closed again on success.
 */

/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. @default 5 */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe is let through, in ms. @default 10000 */
  resetTimeoutMs?: number;
  /** Clock in ms. @default Date.now */
  now?: () => number;
}

/** The breaker's state. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Tracks consecutive failures and refuses calls while open.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker({ failureThreshold: 5, resetTimeoutMs: 10_000 });
 * if (!breaker.tryAcquire()) throw new BridgeCircuitOpenError();
 * try { await call(); breaker.recordSuccess(); } catch (e) { breaker.recordFailure(); throw e; }
 * ```
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #resetTimeoutMs: number;
  readonly #now: () => number;
  #failures = 0;
  #openedAt: number | null = null;
  #probing = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? 5;
    this.#resetTimeoutMs = options.resetTimeoutMs ?? 10_000;
    this.#now = options.now ?? Date.now;
    if (!Number.isInteger(this.#threshold) || this.#threshold < 1) {
      throw new TypeError('CircuitBreaker: option "failureThreshold" must be a positive integer');
    }
    if (!(this.#resetTimeoutMs >= 0)) {
      throw new TypeError('CircuitBreaker: option "resetTimeoutMs" must be a number >= 0');
    }
  }

  /** The current state. */
  get state(): CircuitState {
    if (this.#openedAt === null) return 'closed';
    return this.#now() - this.#openedAt >= this.#resetTimeoutMs ? 'half-open' : 'open';
  }

  /** True when a call may go ahead; in half-open state only one probe at a time is allowed. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#probing) return false;
    this.#probing = true;
    return true;
  }

  /** Records a call that got an answer from Flowless. */
  recordSuccess(): void {
    this.#failures = 0;
    this.#openedAt = null;
    this.#probing = false;
  }

  /** Records a failed call; opens (or re-opens) the circuit at the threshold or after a failed probe. */
  recordFailure(): void {
    this.#failures += 1;
    if (this.#probing || this.#failures >= this.#threshold) {
      this.#openedAt = this.#now();
    }
    this.#probing = false;
  }
}
