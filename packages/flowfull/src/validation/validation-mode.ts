/**
 * @module Validation modes: compares the fingerprint a session was created with (IP, User-Agent,
 * device id) with the current request's, and decides whether to allow, warn, deny or invalidate.
 */

import { defaultOf } from '../config/env-variable.js';
import { flowfullVariables } from '../config/variables.js';
import { type Logger, silentLogger } from '../logger.js';
import { normalizeIp } from './client-ip.js';
import type {
  RequestFingerprint,
  SecurityViolation,
  SessionFingerprint,
  ValidationAction,
  ValidationContext,
  ValidationModeName,
  ValidationResult,
} from './types.js';

/** Options of {@link ValidationMode}; each maps to one `AUTH_*` environment variable. */
export interface ValidationModeOptions {
  /** Which checks run (`AUTH_VALIDATION_MODE`). @default 'ADVANCED' */
  mode?: ValidationModeName;
  /** Enforce the mode's verdicts; `false` runs the checks but only reports them (`warn`) (`AUTH_ENABLE_VALIDATION_MODE`). @default true */
  enabled?: boolean;
  /** Check the client IP in STANDARD, ADVANCED and STRICT (`AUTH_IP_VALIDATION`). @default true */
  ipValidation?: boolean;
  /** Check the User-Agent in ADVANCED and STRICT (`AUTH_USER_AGENT_VALIDATION`). @default true */
  userAgentValidation?: boolean;
  /** Check the `X-Device-ID` in ADVANCED and STRICT (`AUTH_DEVICE_VALIDATION`). @default true */
  deviceValidation?: boolean;
  /** Turn every `deny` into `invalidate` (`AUTH_AUTO_INVALIDATE`); STRICT always invalidates. @default false */
  autoInvalidate?: boolean;
  /** Log each violation through `logger` (`AUTH_LOG_VIOLATIONS`). @default true */
  logViolations?: boolean;
  /** Where violations are logged (`warn`; never the session id). @default a logger that drops everything */
  logger?: Pick<Logger, 'warn'>;
}

type ResolvedOptions = Required<ValidationModeOptions>;

const MODES: readonly ValidationModeName[] = ['DISABLED', 'STANDARD', 'ADVANCED', 'STRICT'];
const ALLOW: ValidationResult = Object.freeze({
  valid: true,
  violations: Object.freeze([]),
  action: 'allow',
});

/**
 * Applies the configured validation mode to a request.
 *
 * Rules: DISABLED checks nothing. STANDARD checks the IP. ADVANCED and STRICT check the IP, the
 * User-Agent and the device id. A factor is checked only when the session recorded a value for it
 * (a request that drops the value then counts as a mismatch). Two or more mismatches at once add a
 * `suspicious_activity` violation. Any violation gives `deny` (STANDARD, ADVANCED) or `invalidate`
 * (STRICT, or any mode with `autoInvalidate`); with `enabled: false` it gives `warn`.
 *
 * @example
 * ```ts
 * const modes = new ValidationMode({ mode: 'STANDARD' });
 * modes.validateSession({ currentIP: '10.0.0.2', sessionIP: '10.0.0.1' }).action; // 'deny'
 * ```
 */
export class ValidationMode {
  readonly #options: ResolvedOptions;

  constructor(options: ValidationModeOptions = {}) {
    const resolved: ResolvedOptions = {
      mode: options.mode ?? defaultOf(flowfullVariables.AUTH_VALIDATION_MODE),
      enabled: options.enabled ?? defaultOf(flowfullVariables.AUTH_ENABLE_VALIDATION_MODE),
      ipValidation: options.ipValidation ?? defaultOf(flowfullVariables.AUTH_IP_VALIDATION),
      userAgentValidation:
        options.userAgentValidation ?? defaultOf(flowfullVariables.AUTH_USER_AGENT_VALIDATION),
      deviceValidation: options.deviceValidation ?? defaultOf(flowfullVariables.AUTH_DEVICE_VALIDATION),
      autoInvalidate: options.autoInvalidate ?? defaultOf(flowfullVariables.AUTH_AUTO_INVALIDATE),
      logViolations: options.logViolations ?? defaultOf(flowfullVariables.AUTH_LOG_VIOLATIONS),
      logger: options.logger ?? silentLogger,
    };
    if (!MODES.includes(resolved.mode)) {
      throw new TypeError(`ValidationMode: option "mode" must be one of ${MODES.join(', ')}`);
    }
    this.#options = Object.freeze(resolved);
  }

  /** The mode in force. */
  get mode(): ValidationModeName {
    return this.#options.mode;
  }

  /** True when no request can ever be checked (DISABLED mode), so callers may skip gathering context. */
  get inactive(): boolean {
    return this.#options.mode === 'DISABLED';
  }

  /**
   * True when nothing the mode checks differs between the request and the session (or the mode is
   * DISABLED): the allocation-free test of the warm path. When false, {@link validateSession}
   * gives the violations and the action.
   *
   * @example
   * ```ts
   * modes.passes({ ip: '10.0.0.1' }, { ip_address: '10.0.0.1', user_agent: null, device_id: null }); // true
   * ```
   */
  passes(request: RequestFingerprint, session: SessionFingerprint): boolean {
    const o = this.#options;
    if (o.mode === 'DISABLED') return true;
    if (o.ipValidation && differs(session.ip_address, request.ip, normalizeIp)) return false;
    if (o.mode === 'STANDARD') return true;
    if (o.userAgentValidation && differs(session.user_agent, request.user_agent)) return false;
    return !(o.deviceValidation && differs(session.device_id, request.device_id));
  }

  /**
   * Checks one request against its session. `logFields` (for example `{ user_id }`) are added to
   * the violation log; never pass the session id.
   */
  validateSession(context: ValidationContext, logFields: Record<string, unknown> = {}): ValidationResult {
    const { mode } = this.#options;
    if (mode === 'DISABLED') return ALLOW;
    const violations = this.#collect(context, mode);
    if (violations.length === 0) return ALLOW;
    const action = this.#determineAction();
    if (this.#options.logViolations) {
      this.#options.logger.warn(
        {
          event: 'session_security_violation',
          mode,
          action,
          violations: violations.map((v) => ({ type: v.type, severity: v.severity })),
          ip: context.currentIP ?? null,
          ...logFields,
        },
        `session security violation: ${violations.map((v) => v.type).join(', ')}`,
      );
    }
    return { valid: false, violations, action };
  }

  #collect(context: ValidationContext, mode: ValidationModeName): SecurityViolation[] {
    const o = this.#options;
    const violations: SecurityViolation[] = [];
    if (o.ipValidation && differs(context.sessionIP, context.currentIP, normalizeIp)) {
      violations.push({ type: 'ip_mismatch', severity: 'medium', message: 'IP address changed' });
    }
    if (mode !== 'STANDARD') {
      if (o.userAgentValidation && differs(context.sessionUserAgent, context.currentUserAgent)) {
        violations.push({ type: 'user_agent_mismatch', severity: 'medium', message: 'User-Agent changed' });
      }
      if (o.deviceValidation && differs(context.sessionDeviceId, context.currentDeviceId)) {
        violations.push({ type: 'device_mismatch', severity: 'high', message: 'Device id changed' });
      }
    }
    if (violations.length >= 2) {
      violations.unshift({
        type: 'suspicious_activity',
        severity: 'critical',
        message: 'Several session factors changed at once',
      });
    }
    return violations;
  }

  #determineAction(): ValidationAction {
    const o = this.#options;
    if (!o.enabled) return 'warn';
    if (o.mode === 'STRICT' || o.autoInvalidate) return 'invalidate';
    return 'deny';
  }
}

/** True when the session recorded a value and the request's value is different or missing. */
function differs(
  recorded: string | null | undefined,
  current: string | null | undefined,
  normalize: (value: string) => string = identity,
): boolean {
  if (recorded === null || recorded === undefined || recorded === '') return false;
  if (current === recorded) return false;
  if (current === null || current === undefined || current === '') return true;
  return normalize(recorded) !== normalize(current);
}

function identity(value: string): string {
  return value;
}
