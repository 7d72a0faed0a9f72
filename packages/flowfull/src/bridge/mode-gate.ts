/**
 * @module Applies validation modes to a session about to be served: lets it through, lets it
 * through with a warning, refuses it, or refuses it and ends it at Flowless (STRICT).
 */
import type { ValidationMode } from '../validation/validation-mode.js';
import { type BridgeLogger, errorFields } from './logger.js';
import {
  type BridgeSession,
  type RequestContext,
  type SessionValidationResult,
  sessionFailure,
} from './types.js';
import type { ValidatorCounters } from './validator-metrics.js';

/** What a {@link ModeGate} works with. */
export interface ModeGateParts {
  readonly modes: ValidationMode;
  readonly counters: ValidatorCounters;
  readonly logger: BridgeLogger;
  /** Ends a session everywhere (the validator's `invalidateSession`). */
  readonly invalidate: (sessionId: string) => Promise<void>;
}

/**
 * The last step of every validation; also counts its outcome.
 */
export class ModeGate {
  readonly #p: ModeGateParts;

  constructor(parts: ModeGateParts) {
    this.#p = parts;
  }

  /**
   * The result for a session Flowless (or the cache) vouched for. Synchronous unless the session
   * must be invalidated, to keep the warm path free of awaits.
   */
  admit(
    sessionId: string,
    session: BridgeSession,
    context: RequestContext | undefined,
    stale?: boolean,
  ): SessionValidationResult | Promise<SessionValidationResult> {
    const { modes, counters, logger } = this.#p;
    // The common case (nothing changed) is decided without building the comparison objects.
    if (context === undefined || modes.passes(context, session))
      return counters.record(stale ? { success: true, session, stale } : { success: true, session });
    const verdict = modes.validateSession(
      {
        currentIP: context.ip,
        sessionIP: session.ip_address,
        currentUserAgent: context.user_agent,
        sessionUserAgent: session.user_agent,
        currentDeviceId: context.device_id,
        sessionDeviceId: session.device_id,
      },
      { user_id: session.user_id },
    );
    if (verdict.action === 'allow')
      return counters.record(stale ? { success: true, session, stale } : { success: true, session });
    if (verdict.action === 'warn') {
      counters.recordViolations(verdict.violations);
      return counters.record({ success: true, session, action: 'warn' });
    }
    const failure = counters.record(sessionFailure('SESSION_VIOLATION', verdict.violations));
    if (verdict.action !== 'invalidate') return failure;
    return this.#p.invalidate(sessionId).then(
      () => failure,
      (error: unknown) => {
        logger.error(
          { err: errorFields(error), user_id: session.user_id },
          'could not invalidate a session after a violation',
        );
        return failure;
      },
    );
  }
}
