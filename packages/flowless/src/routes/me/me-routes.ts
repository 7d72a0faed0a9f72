/**
 * @module The three "me" routes (see docs/flowless-contract.md, The signed-in user):
 * `GET /auth/user/me`, `GET /auth/me` and
 * `GET /auth/session/current`, each in the superset shape its clients read.
 */
import type { Hono } from 'hono';
import { iso } from '../../db/values.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { requireSession } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { presentUser } from '../../users/user-presenter.js';

/**
 * Registers the "me" routes.
 */
export function registerMeRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const guard = requireSession(services);

  app.get('/auth/user/me', guard, (c) => {
    const session = c.get('session');
    const user = presentUser(session.user);
    const id = c.get('sessionId');
    return c.json({
      success: true,
      data: user,
      user,
      sessionId: id,
      session_id: id,
      expiresAt: iso(session.expiresAt),
      expires_at: iso(session.expiresAt),
    });
  });

  app.get('/auth/me', guard, (c) => {
    const user = presentUser(c.get('session').user);
    return c.json({ success: true, user, data: { user } });
  });

  app.get('/auth/session/current', guard, (c) => {
    const session = c.get('session');
    const id = c.get('sessionId');
    return c.json({
      success: true,
      sessionId: id,
      session_id: id,
      requires_2fa: false,
      user: presentUser(session.user),
      expiresAt: iso(session.expiresAt),
      expires_at: iso(session.expiresAt),
    });
  });
}
