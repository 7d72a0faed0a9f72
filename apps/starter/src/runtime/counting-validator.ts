/**
 * @module A BridgeValidator that counts its outcomes and the validation-mode violations it
 * reports, for `/metrics`.
 */
import { BridgeValidator, type RequestContext, type SessionValidationResult } from 'flowfull/bridge';

/** Running totals by outcome and by violation type. */
export interface ValidationCounters {
  readonly outcomes: Record<string, number>;
  readonly violations: Record<string, number>;
}

const OUTCOMES: Readonly<Record<string, string>> = {
  SESSION_MISSING: 'missing',
  SESSION_MALFORMED: 'malformed',
  SESSION_INVALID: 'invalid',
  SESSION_EXPIRED: 'expired',
  SESSION_VIOLATION: 'violation',
  AUTH_UNAVAILABLE: 'unavailable',
};

/**
 * Counts every `validateSession()` result: `valid`, `valid_stale` (served in the grace window),
 * `valid_warn`, or the failure kind; and each violation by type.
 *
 * @example
 * ```ts
 * const validator = new CountingBridgeValidator(bridgeValidatorOptionsFromConfig(config));
 * validator.counters.outcomes.valid; // number
 * ```
 */
export class CountingBridgeValidator extends BridgeValidator {
  /** The totals so far. */
  readonly counters: ValidationCounters = { outcomes: {}, violations: {} };

  override async validateSession(
    sessionId: string | null | undefined,
    context?: RequestContext,
  ): Promise<SessionValidationResult> {
    const result = await super.validateSession(sessionId, context);
    const outcome = result.success
      ? result.stale
        ? 'valid_stale'
        : result.action === 'warn'
          ? 'valid_warn'
          : 'valid'
      : (OUTCOMES[result.code] ?? 'other');
    this.counters.outcomes[outcome] = (this.counters.outcomes[outcome] ?? 0) + 1;
    if (!result.success) {
      for (const violation of result.violations ?? []) {
        this.counters.violations[violation.type] = (this.counters.violations[violation.type] ?? 0) + 1;
      }
    }
    return result;
  }
}
