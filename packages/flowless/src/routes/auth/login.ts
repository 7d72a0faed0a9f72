/**
 * @module `POST /auth/login` (see docs/flowless-contract.md, Sign-in and sessions): email or
 * username login. Unknown account, wrong
 * password, banned or locked account all get the same 401 after the same Argon2 work; the
 * per-account lock is shared by the email and username paths. A user with an active second factor
 * (or of a type that must use one) gets a pending session and the `requires_2fa` answer instead.
 */
import type { Hono } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { badRequest, FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { loginResult } from '../../http/presenters.js';
import { readBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';
import { loginBody } from './auth-schemas.js';
import { startLoginSession } from './login-session.js';

/** The one answer for every failed login. */
export function invalidCredentials(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_CREDENTIALS', 'Invalid credentials', { status: 401 });
}

/** Why a password sign-in failed, for the audit log (the client always hears the same 401). */
function failureReason(user: UserRecord | null, matches: boolean, lockedMs: number): string {
  if (!user) return 'unknown_account';
  if (lockedMs > 0) return 'locked';
  if (!matches) return 'invalid_credentials';
  return 'banned';
}

/**
 * Registers the login route.
 */
export function registerLoginRoute(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, hasher, limits, config, logger } = services;

  app.post('/auth/login', rateLimit(services, 'login'), async (c) => {
    const parsed = loginBody.safeParse(await readBody(c));
    if (!parsed.success) throw badRequest('email or userName and password are required');
    const { password } = parsed.data;
    const identifier = (parsed.data.email ?? parsed.data.user_name ?? '').trim().toLowerCase();
    if (identifier === '' || password === '') throw badRequest('email or userName and password are required');

    const user: UserRecord | null = identifier.includes('@')
      ? await users.findByEmail(identifier)
      : await users.findByUsername(identifier);
    const lockKey = user ? `user:${user.id}` : `id:${identifier}`;
    const lockedMs = await limits.account.lockedFor(lockKey);
    // The hash is always verified, even when the outcome is already known, so that every failure
    // costs the same time.
    const matches = user?.passwordHash
      ? await hasher.verify(user.passwordHash, password)
      : await hasher.verifyDummy(password);
    const ip = c.get('clientIp');

    if (!user || !matches || user.isBanned || lockedMs > 0) {
      if (lockedMs === 0) await limits.account.fail(lockKey);
      await auditRequest(c, services.audit, {
        action: 'sign_in.failed',
        outcome: 'failure',
        subjectUserId: user?.id ?? null,
        details: { method: 'password', reason: failureReason(user, matches, lockedMs) },
      });
      logger.info(
        { event: 'login.failed', user_id: user?.id ?? null, ip, factor: 'password' },
        'login failed',
      );
      throw invalidCredentials();
    }
    if (config.REQUIRE_EMAIL_VERIFICATION && !user.isVerified) {
      const details = { method: 'password', reason: 'email_not_verified' };
      await auditRequest(c, services.audit, selfEvent('sign_in.failed', user.id, details, 'failure'));
      throw new FlowlessError('ERR_FLOWLESS_EMAIL_NOT_VERIFIED', 'Email address not verified', {
        status: 403,
        extra: { code: 'EMAIL_NOT_VERIFIED' },
      });
    }
    await limits.account.reset(lockKey);
    let current = user;
    if (user.passwordHash && hasher.needsRehash(user.passwordHash)) {
      current = (await users.update(user.id, { passwordHash: await hasher.hash(password) })) ?? user;
    }
    const context = {
      ipAddress: ip === 'unknown' ? null : ip,
      userAgent: c.req.header('user-agent') ?? null,
      deviceId: parsed.data.device_id ?? null,
    };
    const session = await startLoginSession(c, services, current, context, 'password');
    if (session.pending) return c.json(session.answer);
    return c.json({ success: true, ...loginResult(current, session.id, session.expiresAt) });
  });
}
