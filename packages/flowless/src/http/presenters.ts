/**
 * @module Response shapes shared by several routes: the login result and the session object,
 * each carrying both casings the clients read.
 */
import { iso } from '../db/values.js';
import type { SessionRecord } from '../sessions/session-record.js';
import type { PresentedMethod } from '../two-factor/present-method.js';
import { presentUser } from '../users/user-presenter.js';
import type { UserRecord } from '../users/user-record.js';

/**
 * The flat login result: `user`, `sessionId`/`session_id`, `expiresAt`/`expires_at`.
 */
export function loginResult(user: UserRecord, sessionId: string, expiresAt: number) {
  return {
    user: presentUser(user),
    sessionId,
    session_id: sessionId,
    expiresAt: iso(expiresAt),
    expires_at: iso(expiresAt),
  };
}

/**
 * The login answer when a second factor is required (HTTP 200, `success: false`; see
 * docs/two-factor.md):
 * the pending session in both casings, the usable methods (none: `requires_2fa_setup`), the user.
 */
export function pendingLoginResult(
  user: UserRecord,
  sessionId: string,
  expiresAt: number,
  methods: readonly PresentedMethod[],
) {
  const setup = methods.length === 0;
  return {
    success: false,
    requires_2fa: true,
    requires2fa: true,
    requires_2fa_setup: setup,
    requires2faSetup: setup,
    ...loginResult(user, sessionId, expiresAt),
    available_methods: methods,
    availableMethods: methods,
    message: setup
      ? 'Two-factor authentication must be set up before signing in'
      : 'Two-factor authentication required',
  };
}

/**
 * The session object of validation responses (never the raw id or its hash).
 */
export function presentSession(session: SessionRecord) {
  // Each date is formatted once for both casings: this runs on every bridge validation.
  const expiresAt = iso(session.expiresAt);
  const lastUsedAt = iso(session.lastUsedAt);
  return {
    id: session.id,
    user_id: session.userId,
    userId: session.userId,
    email: session.user.email,
    name: session.user.name,
    user_type: session.user.userType,
    expires_at: expiresAt,
    expiresAt,
    ip_address: session.ipAddress,
    ipAddress: session.ipAddress,
    user_agent: session.userAgent,
    userAgent: session.userAgent,
    device_id: session.deviceId,
    last_used_at: lastUsedAt,
    lastUsedAt,
    created_at: iso(session.createdAt),
    two_factor_verified: session.twoFactorVerified ? 1 : 0,
    two_factor_verified_at: session.twoFactorVerifiedAt === null ? null : iso(session.twoFactorVerifiedAt),
    two_factor_methods: session.twoFactorMethods,
  };
}
