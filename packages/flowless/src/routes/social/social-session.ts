/**
 * @module Issues the session of a successful social login (cookie set, success logged) and
 * shapes its JSON answer: the password-login result plus `loginType`, `provider`, `is_new_user`.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { loginResult } from '../../http/presenters.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SocialSignIn } from '../../social/social-accounts.js';

/**
 * Issues the session for `signIn` and returns its id and the JSON login result.
 *
 * @example
 * ```ts
 * const { body } = await issueSocialSession(c, services, 'github', signIn);
 * return c.json(body);
 * ```
 */
export async function issueSocialSession(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  provider: string,
  signIn: SocialSignIn,
): Promise<{ sessionId: string; body: Record<string, unknown> }> {
  const { sessions, config, clock, logger } = services;
  const { user, isNewUser } = signIn;
  const ip = c.get('clientIp');
  const issued = await sessions.issue(user.id, {
    ipAddress: ip === 'unknown' ? null : ip,
    userAgent: c.req.header('user-agent') ?? null,
    deviceId: null,
  });
  setSessionCookie(c, issued.id, issued.expiresAt - clock.now(), config.SESSION_COOKIE_SECURE);
  logger.info(
    { event: 'login.succeeded', user_id: user.id, ip, factor: 'social', provider, new_user: isNewUser },
    'login succeeded',
  );
  return {
    sessionId: issued.id,
    body: {
      success: true,
      ...loginResult(user, issued.id, issued.expiresAt),
      loginType: 'social_auth',
      login_type: 'social_auth',
      provider,
      is_new_user: isNewUser,
      isNewUser,
    },
  };
}
