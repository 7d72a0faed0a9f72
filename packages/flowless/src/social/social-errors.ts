/**
 * @module The failures of a social login, each with its stable code, HTTP status and the short
 * `error=` value the front end receives in cookie mode.
 */
import { FlowlessError, type FlowlessErrorCode } from '../errors.js';

/** What went wrong in a social login; the value is the `error=` parameter of a cookie-mode redirect. */
export type SocialFailure =
  | 'provider_unknown'
  | 'state_invalid'
  | 'state_mismatch'
  | 'state_expired'
  | 'cancelled'
  | 'provider_error'
  | 'provider_unavailable'
  | 'code_rejected'
  | 'token_rejected'
  | 'id_token_invalid'
  | 'email_not_verified'
  | 'account_conflict'
  | 'account_disabled';

const FAILURES: Readonly<Record<SocialFailure, readonly [FlowlessErrorCode, number, string]>> = {
  provider_unknown: ['ERR_FLOWLESS_SOCIAL_PROVIDER_UNKNOWN', 404, 'Unknown or unconfigured social provider'],
  state_invalid: ['ERR_FLOWLESS_SOCIAL_STATE_INVALID', 400, 'Unknown or already used login state'],
  state_mismatch: [
    'ERR_FLOWLESS_SOCIAL_STATE_MISMATCH',
    400,
    'This login was started in another browser (state cookie missing or different)',
  ],
  state_expired: ['ERR_FLOWLESS_SOCIAL_STATE_EXPIRED', 400, 'The login took too long; start again'],
  cancelled: ['ERR_FLOWLESS_SOCIAL_CANCELLED', 400, 'The login was cancelled at the provider'],
  provider_error: ['ERR_FLOWLESS_SOCIAL_PROVIDER_ERROR', 502, 'The provider answered with an error'],
  provider_unavailable: [
    'ERR_FLOWLESS_SOCIAL_PROVIDER_UNAVAILABLE',
    503,
    'The provider could not be reached',
  ],
  code_rejected: [
    'ERR_FLOWLESS_SOCIAL_CODE_REJECTED',
    400,
    'The provider refused the authorization code (used, expired, or issued for another login)',
  ],
  token_rejected: [
    'ERR_FLOWLESS_SOCIAL_TOKEN_REJECTED',
    401,
    'The provider does not recognise this access token as issued to this application',
  ],
  id_token_invalid: ['ERR_FLOWLESS_SOCIAL_ID_TOKEN_INVALID', 400, 'The ID token failed validation'],
  email_not_verified: [
    'ERR_FLOWLESS_SOCIAL_EMAIL_NOT_VERIFIED',
    403,
    'The provider did not report a verified email address',
  ],
  account_conflict: [
    'ERR_FLOWLESS_SOCIAL_ACCOUNT_CONFLICT',
    409,
    'An account with this email exists but its address is not verified; sign in to it and verify the address first',
  ],
  account_disabled: ['ERR_FLOWLESS_SOCIAL_ACCOUNT_DISABLED', 403, 'This account cannot sign in'],
};

/**
 * The error of a failed social login; `extra.error` carries the failure's short name.
 */
export function socialError(failure: SocialFailure, cause?: unknown): FlowlessError {
  const [code, status, message] = FAILURES[failure];
  return new FlowlessError(code, message, { status, cause, extra: { reason: failure } });
}

/**
 * The short failure name of an error thrown by {@link socialError}, or `provider_error` for any other.
 */
export function failureOf(error: unknown): SocialFailure {
  const reason = error instanceof FlowlessError ? error.extra.reason : undefined;
  return isSocialFailure(reason) ? reason : 'provider_error';
}

/**
 * The human message of the failure named `reason` (the `error=` value of a cookie-mode redirect),
 * or null when it names none.
 */
export function socialFailureMessage(reason: string): string | null {
  return isSocialFailure(reason) ? FAILURES[reason][2] : null;
}

function isSocialFailure(value: unknown): value is SocialFailure {
  return typeof value === 'string' && Object.hasOwn(FAILURES, value);
}
