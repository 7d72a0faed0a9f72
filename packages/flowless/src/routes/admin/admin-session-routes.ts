/**
 * @module Admins end a user's sessions, on both path families: `DELETE /auth/users/:id/sessions`
 * (every session) and `DELETE /auth/users/:id/sessions/:sessionId` (one), the same under
 * `/auth/admin/users`. Only a superadmin may end a superadmin's sessions. Every ending reaches
 * every Flowfull instance (the revocation outbox and channel).
 */
import { SUPERADMIN_USER_TYPE } from 'flowfull/middleware';
import type { Context, Hono } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireAdmin, requireSession } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { sessionHashOf } from '../../sessions/session-directory.js';
import type { UserRecord } from '../../users/user-record.js';
import { sessionNotFound } from '../sessions/session-management-routes.js';

/**
 * Registers the admin session routes.
 */
export function registerAdminSessionRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, sessions, db, logger } = services;
  const guards = [rateLimit(services, 'default'), requireSession(services), requireAdmin()] as const;

  const target = async (c: Context<FlowlessEnv>): Promise<UserRecord> => {
    const found = await users.findById(c.req.param('id') ?? '');
    if (!found) throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'User not found', { status: 404 });
    if (found.userType === SUPERADMIN_USER_TYPE && c.get('session').user.userType !== SUPERADMIN_USER_TYPE) {
      throw new FlowlessError('ERR_FLOWLESS_FORBIDDEN', 'Only a superadmin can modify a superadmin', {
        status: 403,
      });
    }
    return found;
  };
  const audit = (c: Context<FlowlessEnv>, user: UserRecord, scope: string): void =>
    logger.info(
      { event: 'admin.sessions_ended', admin_id: c.get('session').userId, user_id: user.id, scope },
      'admin ended sessions',
    );

  for (const base of ['/auth/users', '/auth/admin/users']) {
    app.delete(`${base}/:id/sessions`, ...guards, async (c) => {
      const user = await target(c);
      await sessions.revokeUser(user.id);
      audit(c, user, 'all');
      return c.json({ success: true, message: 'Sessions ended' });
    });
    app.delete(`${base}/:id/sessions/:sessionId`, ...guards, async (c) => {
      const user = await target(c);
      const hash = await sessionHashOf(db, user.id, c.req.param('sessionId') ?? '');
      if (hash === null) throw sessionNotFound();
      await sessions.revokeHash(hash);
      audit(c, user, 'one');
      return c.json({ success: true, message: 'Session ended' });
    });
  }
}
