/**
 * @module Issues the session of a successful social login (cookie set, outcome logged) and shapes
 * its JSON answer: the password-login result plus `loginType`, `provider`, `is_new_user`. A user
 * who must pass a second factor gets a pending session and the `requires_2fa` answer instead.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { loginResult } from '../../http/presenters.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SocialSignIn } from '../../social/social-accounts.js';
import { startLoginSession } from '../auth/login-session.js';

/**
 * Issues the session for `signIn` and returns its id and the JSON login result.
 */
export async function issueSocialSession(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  provider: string,
  signIn: SocialSignIn,
): Promise<{ sessionId: string; pending: boolean; body: Record<string, unknown> }> {
  const { user, isNewUser } = signIn;
  const ip = c.get('clientIp');
  const context = {
    ipAddress: ip === 'unknown' ? null : ip,
    userAgent: c.req.header('user-agent') ?? null,
    deviceId: null,
  };
  const session = await startLoginSession(c, services, user, context, 'social', {
    provider,
    new_user: isNewUser,
  });
  const extra = {
    loginType: 'social_auth',
    login_type: 'social_auth',
    provider,
    is_new_user: isNewUser,
    isNewUser,
  };
  if (session.pending) return { sessionId: session.id, pending: true, body: { ...session.answer, ...extra } };
  return {
    sessionId: session.id,
    pending: false,
    body: { success: true, ...loginResult(user, session.id, session.expiresAt), ...extra },
  };
}
