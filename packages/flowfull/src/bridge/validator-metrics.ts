/**
 * @module The figures a BridgeValidator reports through `metrics()`: validation outcomes,
 * violations, where answers came from, the Flowless breaker, flights in progress and the
 * revocation subscription. Counting is a field increment, cheap enough for the warm path.
 */
import type { BreakerState } from '../resilience/circuit-breaker.js';
import type { SecurityViolation, ViolationType } from '../validation/types.js';
import type { SessionFailureCode, SessionValidationResult } from './types.js';

/** Outcome labels: a success (`valid`, `valid_stale` in the grace window, `valid_warn`) or a failure code's label. */
export type ValidationOutcome =
  | 'valid'
  | 'valid_stale'
  | 'valid_warn'
  | 'missing'
  | 'malformed'
  | 'invalid'
  | 'expired'
  | 'violation'
  | 'unavailable';

/** The label of each failure code. */
const FAILURE_OUTCOMES: Readonly<Record<SessionFailureCode, ValidationOutcome>> = {
  SESSION_MISSING: 'missing',
  SESSION_MALFORMED: 'malformed',
  SESSION_INVALID: 'invalid',
  SESSION_EXPIRED: 'expired',
  SESSION_VIOLATION: 'violation',
  AUTH_UNAVAILABLE: 'unavailable',
};

/** Where validations found their answer. */
export interface ValidationSources {
  /** Answered from the in-process LRU. */
  localHits: number;
  /** Answered from the shared store (another instance validated the session). */
  sharedHits: number;
  /** Answered from the negative cache (Flowless rejected the id a moment ago). */
  negativeHits: number;
  /** Flowless validate calls started (one per cold id, however many requests wait on it). */
  flowlessCalls: number;
  /** Validations that joined a Flowless call already in flight for the same id. */
  coalesced: number;
}

/**
 * A snapshot of the validator's figures.
 *
 * @example
 * ```ts
 * const { outcomes, breaker, inFlight } = validator.metrics();
 * ```
 */
export interface BridgeValidatorMetrics {
  /** Results so far by outcome. */
  readonly outcomes: Readonly<Record<ValidationOutcome, number>>;
  /** Validation-mode violations so far, by type. */
  readonly violations: Readonly<Record<ViolationType, number>>;
  /** Where answers came from. */
  readonly sources: Readonly<ValidationSources>;
  /** State of the circuit breaker guarding Flowless calls. */
  readonly breaker: BreakerState;
  /** Flowless validations in progress. */
  readonly inFlight: number;
  /**
   * The revocation subscription: its source (`null` when off), up or not (`null` when off),
   * messages applied, resyncs.
   */
  readonly revocations: {
    readonly source: 'redis' | 'feed' | null;
    readonly subscribed: boolean | null;
    readonly received: number;
    readonly resyncs: number;
  };
}

/** The validator's running counters. */
export class ValidatorCounters {
  readonly outcomes: Record<ValidationOutcome, number> = {
    valid: 0,
    valid_stale: 0,
    valid_warn: 0,
    missing: 0,
    malformed: 0,
    invalid: 0,
    expired: 0,
    violation: 0,
    unavailable: 0,
  };
  readonly violations: Record<ViolationType, number> = {
    ip_mismatch: 0,
    user_agent_mismatch: 0,
    device_mismatch: 0,
    suspicious_activity: 0,
  };
  readonly sources: ValidationSources = {
    localHits: 0,
    sharedHits: 0,
    negativeHits: 0,
    flowlessCalls: 0,
    coalesced: 0,
  };
  revocationsReceived = 0;
  resyncs = 0;

  /** The figures of {@link BridgeValidatorMetrics}, with what the validator knows beside the counters. */
  snapshot(state: {
    breaker: BridgeValidatorMetrics['breaker'];
    inFlight: number;
    source: BridgeValidatorMetrics['revocations']['source'];
    subscribed: boolean | null;
  }): BridgeValidatorMetrics {
    return {
      outcomes: { ...this.outcomes },
      violations: { ...this.violations },
      sources: { ...this.sources },
      breaker: state.breaker,
      inFlight: state.inFlight,
      revocations: {
        source: state.source,
        subscribed: state.subscribed,
        received: this.revocationsReceived,
        resyncs: this.resyncs,
      },
    };
  }

  /** Counts one result and returns it. */
  record<R extends SessionValidationResult>(result: R): R {
    if (result.success) {
      this.outcomes[result.stale ? 'valid_stale' : result.action === 'warn' ? 'valid_warn' : 'valid']++;
    } else {
      this.outcomes[FAILURE_OUTCOMES[result.code]]++;
      if (result.violations !== undefined) this.recordViolations(result.violations);
    }
    return result;
  }

  /** Counts violations reported with a `warn` (the request went through). */
  recordViolations(violations: readonly SecurityViolation[]): void {
    for (const violation of violations) this.violations[violation.type]++;
  }
}
