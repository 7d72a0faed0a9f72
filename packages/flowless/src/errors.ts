/**
 * @module The typed errors of the Flowless server, each with a stable `code`. Routes throw them;
 * the error envelope maps them to HTTP once, at the edge.
 */
import { FlowfullError } from 'flowfull';

/** Every stable error code the Flowless server can answer with. */
export type FlowlessErrorCode =
  | 'ERR_FLOWLESS_BAD_REQUEST'
  | 'ERR_FLOWLESS_METADATA_TOO_DEEP'
  | 'ERR_FLOWLESS_METADATA_TOO_LARGE'
  | 'ERR_FLOWLESS_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_FLOWLESS_PICTURE_MISSING'
  | 'ERR_FLOWLESS_PICTURE_TOO_LARGE'
  | 'ERR_FLOWLESS_PICTURE_UNSUPPORTED'
  | 'ERR_FLOWLESS_PICTURE_TRUNCATED'
  | 'ERR_FLOWLESS_PICTURE_TOO_MANY_PIXELS'
  | 'ERR_FLOWLESS_INVALID_CREDENTIALS'
  | 'ERR_FLOWLESS_EMAIL_NOT_VERIFIED'
  | 'ERR_FLOWLESS_INVALID_SESSION'
  | 'ERR_FLOWLESS_SESSION_EXPIRED'
  | 'ERR_FLOWLESS_FORBIDDEN'
  | 'ERR_FLOWLESS_NOT_FOUND'
  | 'ERR_FLOWLESS_CONFLICT'
  | 'ERR_FLOWLESS_WEAK_PASSWORD'
  | 'ERR_FLOWLESS_INVALID_TOKEN'
  | 'ERR_FLOWLESS_INVALID_BRIDGE_SECRET'
  | 'ERR_FLOWLESS_RATE_LIMITED'
  | 'ERR_FLOWLESS_ACCOUNT_LOCKED'
  | 'ERR_FLOWLESS_UNAVAILABLE'
  | 'ERR_FLOWLESS_TWO_FACTOR_DISABLED'
  | 'ERR_FLOWLESS_METHOD_UNAVAILABLE'
  | 'ERR_FLOWLESS_INVALID_CODE'
  | 'ERR_FLOWLESS_TWO_FACTOR_REQUIRED'
  | 'ERR_FLOWLESS_SOCIAL_PROVIDER_UNKNOWN'
  | 'ERR_FLOWLESS_SOCIAL_STATE_INVALID'
  | 'ERR_FLOWLESS_SOCIAL_STATE_MISMATCH'
  | 'ERR_FLOWLESS_SOCIAL_STATE_EXPIRED'
  | 'ERR_FLOWLESS_SOCIAL_CANCELLED'
  | 'ERR_FLOWLESS_SOCIAL_PROVIDER_ERROR'
  | 'ERR_FLOWLESS_SOCIAL_PROVIDER_UNAVAILABLE'
  | 'ERR_FLOWLESS_SOCIAL_CODE_REJECTED'
  | 'ERR_FLOWLESS_SOCIAL_TOKEN_REJECTED'
  | 'ERR_FLOWLESS_SOCIAL_ID_TOKEN_INVALID'
  | 'ERR_FLOWLESS_SOCIAL_EMAIL_NOT_VERIFIED'
  | 'ERR_FLOWLESS_SOCIAL_ACCOUNT_CONFLICT'
  | 'ERR_FLOWLESS_SOCIAL_ACCOUNT_DISABLED'
  | 'ERR_FLOWLESS_SOCIAL_NOT_LINKED'
  | 'ERR_FLOWLESS_SOCIAL_LAST_LOGIN_METHOD';

/** Context carried by a Flowless error into the HTTP envelope. */
export interface FlowlessErrorOptions {
  /** The underlying fault (never shown to clients). */
  cause?: unknown;
  /** HTTP status the edge answers with. @default 400 */
  status?: number;
  /** Extra JSON fields merged into the error body (e.g. `retry_after`). */
  extra?: Record<string, unknown>;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

/**
 * An expected failure of a Flowless request: a human `message`, a stable `code` and its HTTP status.
 *
 * @example
 * ```ts
 * throw new FlowlessError('ERR_FLOWLESS_INVALID_SESSION', 'Invalid session', { status: 401 });
 * ```
 */
export class FlowlessError extends FlowfullError<FlowlessErrorCode> {
  /** HTTP status for this failure. */
  readonly status: number;
  /** Extra JSON fields for the error body. */
  readonly extra: Record<string, unknown>;
  /** Extra response headers. */
  readonly headers: Record<string, string>;

  constructor(code: FlowlessErrorCode, message: string, options: FlowlessErrorOptions = {}) {
    super(code, message, options.cause === undefined ? {} : { cause: options.cause });
    this.status = options.status ?? 400;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }
}

/** The `error` string clients match on for an unknown or revoked session. */
export const INVALID_SESSION = 'Invalid session';
/** The `error` string clients match on for a session past its expiry. */
export const SESSION_EXPIRED = 'Session expired';

/**
 * Shorthand for the 401 answer to a missing, unknown or revoked session.
 */
export function invalidSession(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_SESSION', INVALID_SESSION, {
    status: 401,
    extra: { valid: false },
  });
}

/**
 * Shorthand for the 401 answer to an expired session.
 */
export function sessionExpired(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_SESSION_EXPIRED', SESSION_EXPIRED, {
    status: 401,
    extra: { valid: false },
  });
}

/**
 * Shorthand for a 400 on a malformed request body.
 */
export function badRequest(
  message: string,
  details?: unknown,
  code: FlowlessErrorCode = 'ERR_FLOWLESS_BAD_REQUEST',
): FlowlessError {
  return new FlowlessError(code, message, {
    status: 400,
    extra: details === undefined ? {} : { details },
  });
}
