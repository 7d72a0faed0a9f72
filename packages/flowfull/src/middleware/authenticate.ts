/**
 * @module The shared step of the auth middleware: extract the session id, gather the request's
 * fingerprint, validate, and set or refuse the typed context variables.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import {
  failureStatus,
  type SessionValidationFailure,
  type SessionValidationResult,
  sessionFailure,
} from '../bridge/types.js';
import type { ActiveAuthSettings } from './auth-settings.js';
import { extractSessionId } from './extract-session-id.js';

/** Validates the request's session; `SESSION_MISSING` when it carries none. */
export async function authenticate(
  c: Context,
  settings: ActiveAuthSettings,
): Promise<SessionValidationResult> {
  const sessionId = extractSessionId(c, settings);
  if (sessionId === null) return sessionFailure('SESSION_MISSING');
  return settings.validator.validateSession(sessionId, {
    ip: settings.clientIp(socketAddress(c), c.req.header('x-forwarded-for')),
    user_agent: c.req.header('user-agent') ?? null,
    device_id: c.req.header(settings.deviceIdHeader) ?? null,
  });
}

/** Sets `user_id`, `session` and `is_guest` from a result; a failure makes the request a guest. */
export function applyResult(c: Context, result: SessionValidationResult): void {
  if (result.success) {
    c.set('user_id', result.session.user_id);
    c.set('session', result.session);
    c.set('is_guest', false);
  } else {
    c.set('is_guest', true);
  }
}

/** The JSON refusal `{ success: false, error, code }` with 401 or 503. */
export function refuse(c: Context, failure: SessionValidationFailure): Response {
  const status = failureStatus(failure.code);
  if (status === 503) c.header('Retry-After', '5');
  return c.json({ success: false, error: failure.error, code: failure.code }, status);
}

/** The socket peer address, when the app runs on @hono/node-server. */
function socketAddress(c: Context): string | null {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return null;
  return (env.incoming as IncomingMessage | undefined)?.socket?.remoteAddress ?? null;
}
