/**
 * @module What openid-client throws, as social failures, and the loopback rule for plain-HTTP
 * endpoints (accepted only on the loopback interface: local development and tests).
 */
import * as client from 'openid-client';
import type { FlowlessError } from '../errors.js';
import { socialError } from './social-errors.js';

const ID_TOKEN_CODES = new Set([
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED',
  'OAUTH_UNSUPPORTED_OPERATION',
  'OAUTH_INVALID_RESPONSE',
]);
const UNREACHABLE_CODES = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM']);

/**
 * Maps what openid-client throws to a social failure.
 *
 * @example
 * ```ts
 * throw openidFailure(error, 'grant');
 * ```
 */
export function openidFailure(error: unknown, stage: 'discovery' | 'grant' | 'userinfo'): FlowlessError {
  if (error instanceof client.AuthorizationResponseError) {
    return socialError(error.error === 'access_denied' ? 'cancelled' : 'provider_error', error);
  }
  if (error instanceof client.ResponseBodyError) {
    if (error.status >= 500) return socialError('provider_unavailable', error);
    return socialError(error.error === 'invalid_grant' ? 'code_rejected' : 'provider_error', error);
  }
  if (error instanceof TypeError || stage === 'discovery') return socialError('provider_unavailable', error);
  const code = error instanceof client.ClientError ? error.code : undefined;
  if (code && UNREACHABLE_CODES.has(code)) return socialError('provider_unavailable', error);
  if (stage === 'grant' && code && ID_TOKEN_CODES.has(code)) return socialError('id_token_invalid', error);
  return socialError('provider_error', error);
}

/**
 * True for a URL on the loopback interface, where plain HTTP is allowed.
 *
 * @example
 * ```ts
 * isLoopback(new URL('http://127.0.0.1:4000')); // true
 * ```
 */
export function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
