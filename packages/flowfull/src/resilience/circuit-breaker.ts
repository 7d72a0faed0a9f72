/**
 * @module A circuit breaker for calls to a shared service (L2, Flowless): after repeated faults,
 * stop calling it for a while, then let one probe through (half-open) to find out whether it is
 * back. The wait may grow after each failed probe.
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
   * How long the circuit stays open before a half-open probe, in ms; with `maxOpenDurationMs`
   * above it, the first wait.
   * @default 1000
   */
  openDurationMs?: number;
  /**
   * Longest wait, in ms: each failed probe doubles the wait up to this; a success brings it back
   * to `openDurationMs`.
   * @default openDurationMs (a fixed wait)
   */
  maxOpenDurationMs?: number;
  /**
   * Fraction in [0, 1) taken off each wait at random: a wait of `w` lasts between
   * `w × (1 − jitter)` and `w`, never longer, so breakers opened together do not probe together.
   * @default 0
   */
  jitter?: number;
  /**
   * Clock, in ms.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Random number in [0, 1), for the jitter.
   * @default Math.random
   */
  random?: () => number;
  /** Called on every state change. */
  onStateChange?: (state: BreakerState) => void;
}

/**
 * A call the breaker let through, to hand back to `failure()` so that the breaker knows which
 * call failed: a fault reported late by a call sent before the circuit opened is ignored instead
 * of being taken for the probe's.
 */
export interface BreakerPermit {
  /** Whether this call is the half-open probe. */
  readonly probe: boolean;
}

/**
 * Consecutive-failure breaker with a growing wait. `acquire()` says whether a call may go out;
 * report its outcome with `success()` or `failure(permit)`. While half-open exactly one probe
 * is in flight; a failed probe reopens the circuit for twice the last wait (at most
 * `maxOpenDurationMs`).
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker({ openDurationMs: 500, maxOpenDurationMs: 10_000 });
 * const permit = breaker.acquire();
 * if (permit) {
 *   try { await l2.read(key); breaker.success(); } catch { breaker.failure(permit); }
 * }
 * ```
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #firstWaitMs: number;
  readonly #maxWaitMs: number;
  readonly #jitter: number;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #onStateChange: ((state: BreakerState) => void) | undefined;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  /** The wait before the next probe without jitter; doubles after each failed probe. */
  #nominalWaitMs: number;
  /** The wait of the current open period, jitter applied. */
  #waitMs: number;
  /** Shared by the calls of the current closed period; replaced each time the circuit closes. */
  #closedPermit: BreakerPermit = Object.freeze({ probe: false });
  #probe: BreakerPermit | null = null;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? 5;
    this.#firstWaitMs = options.openDurationMs ?? 1000;
    this.#maxWaitMs = options.maxOpenDurationMs ?? this.#firstWaitMs;
    this.#jitter = options.jitter ?? 0;
    if (!Number.isSafeInteger(this.#threshold) || this.#threshold < 1) {
      throw new TypeError('CircuitBreaker: option "failureThreshold" must be a positive integer');
    }
    if (!Number.isFinite(this.#firstWaitMs) || this.#firstWaitMs < 0) {
      throw new TypeError('CircuitBreaker: option "openDurationMs" must be a number >= 0');
    }
    if (!Number.isFinite(this.#maxWaitMs) || this.#maxWaitMs < this.#firstWaitMs) {
      throw new TypeError('CircuitBreaker: option "maxOpenDurationMs" must be a number >= openDurationMs');
    }
    if (!(this.#jitter >= 0 && this.#jitter < 1)) {
      throw new TypeError('CircuitBreaker: option "jitter" must be a number in [0, 1)');
    }
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#onStateChange = options.onStateChange;
    this.#nominalWaitMs = this.#firstWaitMs;
    this.#waitMs = this.#firstWaitMs;
  }

  /** Current state; an open circuit whose wait is over reports `half-open`. */
  get state(): BreakerState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.#waitMs) return 'half-open';
    return this.#state;
  }

  /** A permit when a call may go out now, else `null`. In half-open, grants a single probe. */
  acquire(): BreakerPermit | null {
    if (this.#state === 'closed') return this.#closedPermit;
    if (this.#probe !== null || this.state === 'open') return null;
    this.#probe = Object.freeze({ probe: true });
    this.#set('half-open');
    return this.#probe;
  }

  /** Whether a call may go out now; {@link acquire} without the permit. */
  tryAcquire(): boolean {
    return this.acquire() !== null;
  }

  /**
   * Reports a successful call: closes the circuit and brings the wait back to `openDurationMs`.
   * Any success counts, a late one too (the service answered), so it takes no permit.
   */
  success(): void {
    this.#failures = 0;
    this.#probe = null;
    this.#nominalWaitMs = this.#firstWaitMs;
    if (this.#state === 'closed') return;
    this.#closedPermit = Object.freeze({ probe: false });
    this.#set('closed');
  }

  /**
   * Reports a fault: opens the circuit at the threshold, or again, for twice as long, after a
   * failed probe. Without a permit the fault is taken as the latest call's (the probe's while one
   * is in flight); with one, a fault of a call sent before the circuit opened is ignored.
   */
  failure(permit: BreakerPermit = this.#probe ?? this.#closedPermit): void {
    if (permit === this.#probe) {
      this.#probe = null;
      this.#nominalWaitMs = Math.min(this.#maxWaitMs, this.#nominalWaitMs * 2);
      this.#open();
    } else if (this.#state === 'closed' && permit === this.#closedPermit) {
      this.#failures++;
      if (this.#failures >= this.#threshold) this.#open();
    }
  }

  #open(): void {
    this.#openedAt = this.#now();
    this.#waitMs = this.#nominalWaitMs * (1 - this.#jitter * this.#random());
    this.#set('open');
  }

  #set(state: BreakerState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#onStateChange?.(state);
  }
}
