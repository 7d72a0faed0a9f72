/**
 * @module Password change (§3.9): `POST /auth/password-change/self` checks the current password,
 * ends every session of the user and answers with a new session for the caller;
 * `POST /auth/password-change/admin` sets another user's password and ends their sessions. Both
 * void every outstanding one-time token of the user (a reset link mailed earlier must not undo
 * the change). Both take the per-IP `default` limit. A wrong current password counts against the per-account lock
 * that login uses, so a stolen session cannot guess it: while the account is locked the check is
 * refused (401, like a locked login) whatever the password, and login is refused too.
 */
import type { Hono } from 'hono';
import { FlowlessError, invalidSession } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireAdmin, requireSession } from '../../http/middleware.js';
import { loginResult } from '../../http/presenters.js';
import { parseBody } from '../../http/request-body.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { assertPasswordAllowed } from '../../passwords/password-policy.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { adminPasswordBody as adminBody, selfPasswordBody as selfBody } from './me-schemas.js';

/** The one answer to a refused current password: 400 when wrong, 401 while the account is locked. */
function currentPasswordIncorrect(status: 400 | 401): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_CREDENTIALS', 'Current password is incorrect', { status });
}

/**
 * Registers the password-change routes.
 *
 * @example
 * ```ts
 * registerPasswordChangeRoutes(app, services);
 * ```
 */
export function registerPasswordChangeRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, hasher, sessions, tokens, config, limits, logger } = services;
  const limited = rateLimit(services, 'default');

  app.post('/auth/password-change/self', limited, requireSession(services), async (c) => {
    const body = await parseBody(c, selfBody);
    const session = c.get('session');
    // The cached session carries no password hash: read the user itself.
    const user = await users.findById(session.userId);
    if (!user) throw invalidSession();
    // The key login uses, so that both checks share one counter and one lock.
    const lockKey = `user:${user.id}`;
    // While locked the answer does not depend on the password, so no hash is verified.
    if ((await limits.account.lockedFor(lockKey)) > 0) throw currentPasswordIncorrect(401);
    const ok = user.passwordHash
      ? await hasher.verify(user.passwordHash, body.current_password)
      : await hasher.verifyDummy(body.current_password);
    if (!ok) {
      await limits.account.fail(lockKey);
      logger.info(
        { event: 'password_change.failed', user_id: user.id, ip: c.get('clientIp'), factor: 'password' },
        'current password check failed',
      );
      throw currentPasswordIncorrect(400);
    }
    await limits.account.reset(lockKey);
    assertPasswordAllowed(body.new_password);
    await users.update(user.id, { passwordHash: await hasher.hash(body.new_password) });
    await tokens.voidAll(user.id);
    await sessions.revokeUser(user.id);
    const issued = await sessions.issue(user.id, {
      ipAddress: session.ipAddress,
      userAgent: c.req.header('user-agent') ?? session.userAgent,
      deviceId: session.deviceId,
    });
    setSessionCookie(c, issued.id, issued.expiresAt - services.clock.now(), config.SESSION_COOKIE_SECURE);
    return c.json({
      success: true,
      message: 'Password updated',
      ...loginResult(user, issued.id, issued.expiresAt),
    });
  });

  app.post('/auth/password-change/admin', limited, requireSession(services), requireAdmin(), async (c) => {
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
    return c.json({ success: true, message: 'Password updated' });
  });
}
