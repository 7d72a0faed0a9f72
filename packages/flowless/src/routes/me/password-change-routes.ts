/**
 * @module Password change (see docs/flowless-contract.md, The signed-in user):
 * `POST /auth/password-change/self` checks the current password,
 * ends every session of the user and answers with a new session for the caller;
 * `POST /auth/password-change/admin` sets another user's password and ends their sessions. Both
 * void every outstanding one-time token of the user (a reset link mailed earlier must not undo
 * the change). Both take the per-IP `default` limit. The current password is checked by
 * `confirmCurrentPassword`, which counts a wrong one on the per-account lock that login uses.
 */

import type { Context, Hono } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireAdmin, requireSession } from '../../http/middleware.js';
import { loginResult } from '../../http/presenters.js';
import { parseBody } from '../../http/request-body.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { assertPasswordAllowed } from '../../passwords/password-policy.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { IssuedSession } from '../../sessions/session-service.js';
import type { UserRecord } from '../../users/user-record.js';
import { confirmCurrentPassword } from './current-password.js';
import { adminPasswordBody as adminBody, selfPasswordBody as selfBody } from './me-schemas.js';

/**
 * Changes the signed-in user's password: checks the current one, applies the policy, voids every
 * one-time token, ends every session of the user and issues (and sets as the cookie) a new one
 * for the caller, which keeps the second factor the old one had proven.
 *
 * @throws FlowlessError `ERR_FLOWLESS_INVALID_CREDENTIALS` (wrong current password, or locked);
 *   `ERR_FLOWLESS_WEAK_PASSWORD` when the new one breaks the policy.
 */
export async function changeOwnPassword(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  currentPassword: string,
  newPassword: string,
): Promise<{ user: UserRecord; issued: IssuedSession }> {
  const { users, hasher, sessions, tokens, config } = services;
  const session = c.get('session');
  const user = await confirmCurrentPassword(services, session.userId, currentPassword, {
    change: 'password_change',
    ip: c.get('clientIp'),
  });
  assertPasswordAllowed(newPassword);
  await users.update(user.id, { passwordHash: await hasher.hash(newPassword) });
  await tokens.voidAll(user.id);
  await sessions.revokeUser(user.id);
  const issued = await sessions.issue(user.id, {
    ipAddress: session.ipAddress,
    userAgent: c.req.header('user-agent') ?? session.userAgent,
    deviceId: session.deviceId,
  });
  // The replacement session keeps the second factor this one had proven.
  const method = session.twoFactorMethods[0];
  if (session.twoFactorVerified && method) await sessions.markVerified(issued.id, method);
  setSessionCookie(c, issued.id, issued.expiresAt - services.clock.now(), config.SESSION_COOKIE_SECURE);
  await auditRequest(c, services.audit, selfEvent('password.changed', user.id, { method: 'self' }));
  return { user, issued };
}

/**
 * Registers the password-change routes.
 */
export function registerPasswordChangeRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, hasher, sessions, tokens } = services;
  const limited = rateLimit(services, 'default');

  app.post('/auth/password-change/self', limited, requireSession(services), async (c) => {
    const body = await parseBody(c, selfBody);
    const { user, issued } = await changeOwnPassword(services, c, body.current_password, body.new_password);
    return c.json({
      success: true,
      message: 'Password updated',
      ...loginResult(user, issued.id, issued.expiresAt),
    });
  });

  app.post(
    '/auth/password-change/admin',
    limited,
    requireSession(services),
    requireAdmin(services),
    async (c) => {
      const body = await parseBody(c, adminBody);
      const target = await users.findById(body.user_id);
      if (!target) throw new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'User not found', { status: 404 });
      if (target.userType === 'superadmin' && c.get('session').user.userType !== 'superadmin') {
        throw new FlowlessError('ERR_FLOWLESS_FORBIDDEN', 'Only a superadmin can modify a superadmin', {
          status: 403,
        });
      }
      assertPasswordAllowed(body.new_password);
      await users.update(target.id, { passwordHash: await hasher.hash(body.new_password) });
      await tokens.voidAll(target.id);
      await sessions.revokeUser(target.id);
      await auditRequest(c, services.audit, {
        action: 'password.changed',
        outcome: 'success',
        actorUserId: c.get('session').userId,
        subjectUserId: target.id,
        details: { method: 'admin' },
      });
      return c.json({ success: true, message: 'Password updated' });
    },
  );
}
