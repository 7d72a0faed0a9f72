/**
 * @module Admins end a user's sessions, on both path families: `DELETE /auth/users/:id/sessions`
 * (every session) and `DELETE /auth/users/:id/sessions/:sessionId` (one), the same under
 * `/auth/admin/users`. Only a superadmin may end a superadmin's sessions. Every ending reaches
 * every Flowfull instance (the revocation outbox and channel) and is recorded in the audit log.
 */
import type { Hono } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireAdmin, requireSession } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { adminTarget, recordAdminAction } from './admin-audit.js';
import { endUserSessionsAsAdmin } from './admin-user-actions.js';

/**
 * Registers the admin session routes.
 */
export function registerAdminSessionRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const guards = [rateLimit(services, 'default'), requireSession(services), requireAdmin(services)] as const;

  for (const base of ['/auth/users', '/auth/admin/users']) {
    app.delete(`${base}/:id/sessions`, ...guards, async (c) => {
      const user = await adminTarget(c, services);
      await endUserSessionsAsAdmin(services, c.get('session'), user);
      await recordAdminAction(c, services, 'admin.sessions_ended', user.id, { scope: 'all' });
      return c.json({ success: true, message: 'Sessions ended' });
    });
    app.delete(`${base}/:id/sessions/:sessionId`, ...guards, async (c) => {
      const user = await adminTarget(c, services);
      await endUserSessionsAsAdmin(services, c.get('session'), user, c.req.param('sessionId') ?? '');
      await recordAdminAction(c, services, 'admin.sessions_ended', user.id, { scope: 'one' });
      return c.json({ success: true, message: 'Session ended' });
    });
  }
}
