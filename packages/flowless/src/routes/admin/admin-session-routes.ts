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
import { sessionHashOf } from '../../sessions/session-directory.js';
import type { UserRecord } from '../../users/user-record.js';
import { sessionNotFound } from '../sessions/session-management-routes.js';
import { adminTarget, recordAdminAction } from './admin-audit.js';

/**
 * Registers the admin session routes.
 */
export function registerAdminSessionRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { sessions, db, logger } = services;
  const guards = [rateLimit(services, 'default'), requireSession(services), requireAdmin(services)] as const;

  const audit = async (c: Context<FlowlessEnv>, user: UserRecord, scope: string): Promise<void> => {
    logger.info(
      { event: 'admin.sessions_ended', admin_id: c.get('session').userId, user_id: user.id, scope },
      'admin ended sessions',
    );
    await recordAdminAction(c, services, 'admin.sessions_ended', user.id, { scope });
  };

  for (const base of ['/auth/users', '/auth/admin/users']) {
    app.delete(`${base}/:id/sessions`, ...guards, async (c) => {
      const user = await adminTarget(c, services);
      await sessions.revokeUser(user.id);
      await audit(c, user, 'all');
      return c.json({ success: true, message: 'Sessions ended' });
    });
    app.delete(`${base}/:id/sessions/:sessionId`, ...guards, async (c) => {
      const user = await adminTarget(c, services);
      const hash = await sessionHashOf(db, user.id, c.req.param('sessionId') ?? '');
      if (hash === null) throw sessionNotFound();
      await sessions.revokeHash(hash);
      await audit(c, user, 'one');
      return c.json({ success: true, message: 'Session ended' });
    });
  }
}
