/**
 * @module The shared step of the auth middleware: extract the session id, gather the request's
 * fingerprint, validate, and set or refuse the typed context variables.
 */
import type { Context } from 'hono';
import {
  failureStatus,
  type SessionValidationFailure,
  type SessionValidationResult,
  sessionFailure,
} from '../bridge/types.js';
import { readHeader, socketAddress } from '../server/node-incoming.js';
import type { ActiveAuthSettings } from './auth-settings.js';
import { extractSessionId } from './extract-session-id.js';

/**
 * Validates the request's session; `SESSION_MISSING` when it carries none. Synchronous when the
 * validator can answer from this process (the warm path), a promise otherwise.
 */
export function authenticate(
  c: Context,
  settings: ActiveAuthSettings,
): SessionValidationResult | Promise<SessionValidationResult> {
  const sessionId = extractSessionId(c, settings);
  if (sessionId === null) return MISSING;
  return settings.validator.resolveSession(sessionId, {
    ip: settings.clientIp(socketAddress(c), readHeader(c, 'x-forwarded-for')),
    user_agent: readHeader(c, 'user-agent') ?? null,
    device_id: readHeader(c, settings.deviceIdHeader) ?? null,
  });
}

const MISSING: SessionValidationFailure = Object.freeze(sessionFailure('SESSION_MISSING'));

/**
 * Sets `user_id`, `session` and `is_guest` from a result; a failure makes the request a guest,
 * whose `user_id` is null.
 */
export function applyResult(c: Context, result: SessionValidationResult): void {
  if (result.success) {
    c.set('user_id', result.session.user_id);
    c.set('session', result.session);
    c.set('is_guest', false);
  } else {
    c.set('user_id', null);
    c.set('is_guest', true);
  }
}

/** The JSON refusal `{ success: false, error, code }` with 401 or 503. */
export function refuse(c: Context, failure: SessionValidationFailure): Response {
  const status = failureStatus(failure.code);
  if (status === 503) c.header('Retry-After', '5');
  return c.json({ success: false, error: failure.error, code: failure.code }, status);
}
