/**
 * @module Session routes: logout, validation with its aliases and refresh with its alias (see
 * docs/flowless-contract.md, Sign-in and sessions). Failures carry the exact strings `"Invalid session"` / `"Session expired"`; a
 * session waiting for its second factor gets 401 with the `requires_2fa` answer instead.
 * Logout and refresh write, so they take the per-IP `default` limit; validation does not: clients
 * and backends call it constantly, often many users behind one address, a 429 there would sign
 * users out, and a 256-bit session id cannot be guessed however fast one asks. `?session_id=` is
 * read only when `AUTH_SESSION_FROM_QUERY` is on.
 */
import type { Context, Hono } from 'hono';
import { iso } from '../../db/values.js';
import { invalidSession, sessionExpired } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { loginResult, presentSession } from '../../http/presenters.js';
import { readBody } from '../../http/request-body.js';
import { clearSessionCookie } from '../../http/session-cookie.js';
import { sessionIdFrom } from '../../http/session-id.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';
import { pendingValidationAnswer } from '../two-factor/pending-answer.js';

async function sessionIdWithBody(
  c: Context<FlowlessEnv>,
  from: { allowQuery: boolean },
): Promise<string | null> {
  const fromRequest = sessionIdFrom(c, from);
  if (fromRequest || c.req.method !== 'POST') return fromRequest;
  const body = await readBody(c);
  return typeof body.session_id === 'string' && body.session_id.length > 0 ? body.session_id : null;
}

/**
 * Registers logout, validation and refresh.
 */
export function registerSessionRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { sessions, config } = services;
  const limited = rateLimit(services, 'default');
  const from = { allowQuery: config.AUTH_SESSION_FROM_QUERY };

  app.post('/auth/logout', limited, async (c) => {
    const id = sessionIdFrom(c, from);
    // Known, unknown and already-ended ids get the same answer.
    if (id) await sessions.revoke(id);
    clearSessionCookie(c, config.SESSION_COOKIE_SECURE);
    return c.json({ success: true, message: 'Logged out successfully' });
  });

  const validation = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const id = await sessionIdWithBody(c, from);
    if (!id) throw invalidSession();
    const result = await sessions.validate(id, { allowPending: config.TWO_FACTOR_ENABLED });
    if (!result.ok) throw result.reason === 'expired' ? sessionExpired() : invalidSession();
    const { session } = result;
    if (session.pending) return pendingValidationAnswer(c, services, id, session);
    return c.json({
      success: true,
      valid: true,
      user: presentUser(session.user),
      session: presentSession(session),
      expiresAt: iso(session.expiresAt),
      expires_at: iso(session.expiresAt),
    });
  };
  for (const path of ['/auth/validation', '/auth/validate-session']) {
    app.get(path, validation);
    app.post(path, validation);
  }

  const refresh = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const id = sessionIdFrom(c, from);
    if (!id) throw invalidSession();
    const result = await sessions.refresh(id);
    if (!result.ok) throw result.reason === 'expired' ? sessionExpired() : invalidSession();
    return c.json({ success: true, ...loginResult(result.session.user, id, result.session.expiresAt) });
  };
  app.post('/auth/refresh', limited, refresh);
  app.post('/auth/refresh-session', limited, refresh);
}
