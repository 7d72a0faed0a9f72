/**
 * @module The vocabulary of validation modes: modes, violations, severities and actions.
 */

/** How much of a session's fingerprint is checked on every request. */
export type ValidationModeName = 'DISABLED' | 'STANDARD' | 'ADVANCED' | 'STRICT';

/** What changed between the session's creation and the current request. */
export type ViolationType = 'ip_mismatch' | 'user_agent_mismatch' | 'device_mismatch' | 'suspicious_activity';

/** How serious a violation is; the highest severity decides the action. */
export type ViolationSeverity = 'low' | 'medium' | 'high' | 'critical';

/** What happens to the request: `warn` lets it through and logs, `invalidate` also ends the session. */
export type ValidationAction = 'allow' | 'warn' | 'deny' | 'invalidate';

/** One failed check. */
export interface SecurityViolation {
  /** Which check failed. */
  readonly type: ViolationType;
  /** How serious it is. */
  readonly severity: ViolationSeverity;
  /** A human description, safe to log (it never holds the session id). */
  readonly message: string;
}

/** The fingerprint recorded with the session next to the one seen on the current request. */
export interface ValidationContext {
  /** Client IP of the current request (already resolved through trusted proxies). */
  readonly currentIP?: string | null;
  /** IP the session was created from. */
  readonly sessionIP?: string | null;
  /** User-Agent of the current request. */
  readonly currentUserAgent?: string | null;
  /** User-Agent the session was created with. */
  readonly sessionUserAgent?: string | null;
  /** Device id of the current request (`X-Device-ID`). */
  readonly currentDeviceId?: string | null;
  /** Device id recorded with the session. */
  readonly sessionDeviceId?: string | null;
}

/** The verdict of {@link ValidationMode.validateSession}. */
export interface ValidationResult {
  /** True when no check failed. */
  readonly valid: boolean;
  /** Every failed check, most specific first. */
  readonly violations: readonly SecurityViolation[];
  /** What to do with the request. */
  readonly action: ValidationAction;
}

/** The fingerprint of the current request, as the bridge passes it (`RequestContext`). */
export interface RequestFingerprint {
  /** Client IP (already resolved through trusted proxies). */
  readonly ip?: string | null;
  /** The request's User-Agent. */
  readonly user_agent?: string | null;
  /** The request's device id (`X-Device-ID`). */
  readonly device_id?: string | null;
}

/** The fingerprint recorded with a session, as Flowless returns it (`BridgeSession`). */
export interface SessionFingerprint {
  /** IP the session was created from. */
  readonly ip_address: string | null;
  /** User-Agent the session was created with. */
  readonly user_agent: string | null;
  /** Device id recorded with the session. */
  readonly device_id: string | null;
}
