/**
 * @module Sign-in with an email or username and a password, shared by `POST /auth/login` and the
 * hosted sign-in page. Unknown account, wrong password, banned or locked account all fail alike
 * (401 after the same Argon2 work); the per-account lock is shared by the email and username
 * paths. A user with an active second factor (or of a type that must use one) gets a pending
 * session.
 */
import type { Context } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { badRequest, FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';
import { type LoginSession, startLoginSession } from './login-session.js';

/** What a password sign-in is given. */
export interface PasswordLoginInput {
  /** An email address or a username (compared in lower case). */
  readonly identifier: string;
  readonly password: string;
  readonly deviceId?: string | undefined;
}

/** A successful password sign-in: the user (rehashed if needed) and the session started. */
export interface PasswordLogin {
  readonly user: UserRecord;
  readonly session: LoginSession;
}

/** The one answer for every failed login. */
export function invalidCredentials(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_INVALID_CREDENTIALS', 'Invalid credentials', { status: 401 });
}

/** 403 `EMAIL_NOT_VERIFIED`: the password was right but the address is not verified yet. */
export function emailNotVerified(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_EMAIL_NOT_VERIFIED', 'Email address not verified', {
    status: 403,
    extra: { code: 'EMAIL_NOT_VERIFIED' },
  });
}

/** Why a password sign-in failed, for the audit log (the client always hears the same 401). */
function failureReason(user: UserRecord | null, matches: boolean, lockedMs: number): string {
  if (!user) return 'unknown_account';
  if (lockedMs > 0) return 'locked';
  if (!matches) return 'invalid_credentials';
  return 'banned';
}

/**
 * Checks the password of the account `input.identifier` names and starts its session (the cookie
 * is set on `c`).
 *
 * @throws FlowlessError 400 for an empty identifier or password, 401 {@link invalidCredentials},
 *   403 {@link emailNotVerified}.
 */
export async function passwordLogin(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  input: PasswordLoginInput,
): Promise<PasswordLogin> {
  const { users, hasher, limits, config, logger } = services;
  const { password } = input;
  const identifier = input.identifier.trim().toLowerCase();
  if (identifier === '' || password === '') throw badRequest('email or userName and password are required');

  const user = identifier.includes('@')
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
    logger.info({ event: 'login.failed', user_id: user?.id ?? null, ip, factor: 'password' }, 'login failed');
    throw invalidCredentials();
  }
  if (config.REQUIRE_EMAIL_VERIFICATION && !user.isVerified) {
    const details = { method: 'password', reason: 'email_not_verified' };
    await auditRequest(c, services.audit, selfEvent('sign_in.failed', user.id, details, 'failure'));
    throw emailNotVerified();
  }
  await limits.account.reset(lockKey);
  let current = user;
  if (user.passwordHash && hasher.needsRehash(user.passwordHash)) {
    current = (await users.update(user.id, { passwordHash: await hasher.hash(password) })) ?? user;
  }
  const context = {
    ipAddress: ip === 'unknown' ? null : ip,
    userAgent: c.req.header('user-agent') ?? null,
    deviceId: input.deviceId ?? null,
  };
  const session = await startLoginSession(c, services, current, context, 'password');
  return { user: current, session };
}
