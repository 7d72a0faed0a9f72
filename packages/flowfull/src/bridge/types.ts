/**
 * @module The shapes bridge validation hands to applications: the normalised session and the
 * validation result.
 */
import type { SecurityViolation, ValidationAction } from '../validation/types.js';

/** How a request proved who it is: a signed-in session, or a personal API token (`flw_pat_…`). */
export type AuthType = 'session' | 'api_token';

/** A validated session, normalised from any Flowless response variant. */
export interface BridgeSession {
  /** `api_token` when the credential was a personal API token; `session` otherwise. */
  readonly auth_type: AuthType;
  /** Id of the API token (`tok_…`) when `auth_type` is `api_token`, else null. */
  readonly token_id: string | null;
  /** Id of the session's user. */
  readonly user_id: string;
  /** The user's email, when Flowless sent one. */
  readonly email: string | null;
  /** The user's display name, when Flowless sent one. */
  readonly name: string | null;
  /** Free-form user type (`customer`, `admin`, ...); `customer` when Flowless sent none. */
  readonly user_type: string;
  /** IP the session was created from. */
  readonly ip_address: string | null;
  /** User-Agent the session was created with. */
  readonly user_agent: string | null;
  /** Device id recorded with the session. */
  readonly device_id: string | null;
  /** When the session expires (ISO 8601), when Flowless said so. */
  readonly expires_at: string | null;
  /** True when a second factor was verified on this session (Flowless `two_factor_verified: 1`). */
  readonly two_factor_verified: boolean;
  /** When the second factor was verified (ISO 8601), or null. */
  readonly two_factor_verified_at: string | null;
  /** The second-factor methods verified on this session (`totp`, `email`, ...). */
  readonly two_factor_methods: readonly string[];
}

/** Why a session was not accepted. */
export type SessionFailureCode =
  | 'SESSION_MISSING'
  | 'SESSION_MALFORMED'
  | 'SESSION_INVALID'
  | 'SESSION_EXPIRED'
  | 'SESSION_VIOLATION'
  | 'AUTH_UNAVAILABLE';

/** A session that was not accepted, with a human message and a stable code. */
export interface SessionValidationFailure {
  readonly success: false;
  /** Human message, safe to send to the client. */
  readonly error: string;
  /** Stable code, safe to match on. */
  readonly code: SessionFailureCode;
  /** The failed checks, for `SESSION_VIOLATION`. */
  readonly violations?: readonly SecurityViolation[];
}

/** An accepted session. */
export interface SessionValidationSuccess {
  readonly success: true;
  /** The normalised session. */
  readonly session: BridgeSession;
  /** `warn` when validation modes reported a violation but let the request through. */
  readonly action?: ValidationAction;
  /** True when served from a cache entry that is past its TTL because Flowless could not answer. */
  readonly stale?: boolean;
}

/** The result of `validateSession()`. */
export type SessionValidationResult = SessionValidationSuccess | SessionValidationFailure;

/** The current request's fingerprint, sent to Flowless and checked by validation modes. */
export interface RequestContext {
  /** Client IP (resolved through trusted proxies). */
  readonly ip?: string | null;
  /** The request's User-Agent. */
  readonly user_agent?: string | null;
  /** The request's `X-Device-ID`. */
  readonly device_id?: string | null;
}

/** The HTTP status a failure code maps to at the edge. */
export function failureStatus(code: SessionFailureCode): 401 | 503 {
  return code === 'AUTH_UNAVAILABLE' ? 503 : 401;
}

/** The human message of each failure code. */
export const FAILURE_MESSAGES: Readonly<Record<SessionFailureCode, string>> = Object.freeze({
  SESSION_MISSING: 'Session ID required',
  SESSION_MALFORMED: 'Malformed session id',
  SESSION_INVALID: 'Invalid session',
  SESSION_EXPIRED: 'Session expired',
  SESSION_VIOLATION: 'Session security check failed',
  AUTH_UNAVAILABLE: 'Authentication service unavailable',
});

/** Builds the failure result for a code, with its standard message. */
export function sessionFailure(
  code: SessionFailureCode,
  violations?: readonly SecurityViolation[],
): SessionValidationFailure {
  return violations === undefined
    ? { success: false, error: FAILURE_MESSAGES[code], code }
    : { success: false, error: FAILURE_MESSAGES[code], code, violations };
}
