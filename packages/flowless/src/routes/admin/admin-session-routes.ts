/**
 * @module Admins end a user's sessions, on both path families: `DELETE /auth/users/:id/sessions`
 * (every session) and `DELETE /auth/users/:id/sessions/:sessionId` (one), the same under
 * `/auth/admin/users`. Only a superadmin may end a superadmin's sessions. Every ending reaches
 * every Flowfull instance (the revocation outbox and channel).
 */
import type { Context, Hono } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireAdmin, requireSession } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';
import { adminTarget, endUserSessionsAsAdmin } from './admin-user-actions.js';

/**
 * Registers the admin session routes.
 */
export function registerAdminSessionRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const guards = [rateLimit(services, 'default'), requireSession(services), requireAdmin()] as const;
  const target = (c: Context<FlowlessEnv>): Promise<UserRecord> =>
    adminTarget(services, c.get('session'), c.req.param('id') ?? '');

  for (const base of ['/auth/users', '/auth/admin/users']) {
    app.delete(`${base}/:id/sessions`, ...guards, async (c) => {
      await endUserSessionsAsAdmin(services, c.get('session'), await target(c));
      return c.json({ success: true, message: 'Sessions ended' });
    });
    app.delete(`${base}/:id/sessions/:sessionId`, ...guards, async (c) => {
      const user = await target(c);
      await endUserSessionsAsAdmin(services, c.get('session'), user, c.req.param('sessionId') ?? '');
      return c.json({ success: true, message: 'Session ended' });
    });
  }
}
