/**
 * @module Sign-in by email link, shared by `POST /auth/token/login` and the hosted pages: asking
 * for a link (the same outcome whether the address has an account; limited per address, known or
 * not) and using one up (it proves the mailbox, so it marks that address verified).
 */
import type { Context } from 'hono';
import { auditRequest } from '../../audit/audit-request.js';
import { badRequest, FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimited } from '../../http/middleware.js';
import { mailLink } from '../../mail/redirect-allow-list.js';
import { tokenLoginMail } from '../../mail/templates.js';
import { sha256Hex } from '../../secrets/opaque-secret.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';
import { type LoginSession, startLoginSession } from '../auth/login-session.js';
import { emailField } from '../auth/user-fields.js';

const invalidToken = (): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_INVALID_TOKEN', 'Invalid or expired token', {
    status: 400,
    extra: { valid: false },
  });

/**
 * Mails a sign-in link to `address` when it has an account (in the background); `requestedUrl` is
 * the page the link opens, when allowed.
 *
 * @throws FlowlessError 400 for an address that is not an email, 429 past the per-address limit.
 */
export async function requestSignInLink(
  services: FlowlessServices,
  address: string,
  requestedUrl: string | undefined,
): Promise<void> {
  const { users, tokens, mailer, config, tasks, limits } = services;
  const parsed = emailField.safeParse(address);
  if (!parsed.success) throw badRequest('identifier must be an email address');
  const email = parsed.data;
  // Counted before the lookup, for unknown addresses too, so a 429 tells nothing about accounts.
  const decision = await limits.byAddress.tokenLogin.hit(sha256Hex(email));
  if (!decision.allowed) throw rateLimited(decision.retryAfterMs);
  tasks.run('mail.token_login', async () => {
    const user = await users.findByEmail(email);
    if (!user || user.isBanned) return;
    const token = await tokens.issue(user.id, 'token_login', config.TOKEN_LOGIN_TTL_MS, {
      sentTo: user.email,
    });
    const fallback = new URL('/token-login', config.FRONTEND_URL).toString();
    const link = mailLink(requestedUrl, config.ALLOWED_REDIRECT_URLS, fallback, token);
    await mailer.send(tokenLoginMail(user.email, link, Math.round(config.TOKEN_LOGIN_TTL_MS / 60_000)));
  });
}

/**
 * Uses the sign-in link `token` up and starts its user's session (the cookie is set on `c`).
 *
 * @throws FlowlessError 400 `ERR_FLOWLESS_INVALID_TOKEN` for an unknown, used or expired link.
 */
export async function useSignInLink(
  c: Context<FlowlessEnv>,
  services: FlowlessServices,
  token: string,
  deviceId: string | undefined,
): Promise<{ user: UserRecord; session: LoginSession }> {
  const { users, tokens } = services;
  const consumed = await tokens.consume(token, 'token_login');
  const user = consumed && (await users.findById(consumed.userId));
  // A link mailed to an address the account has since left proves nothing about the account.
  if (!consumed || !user || user.isBanned || consumed.sentTo !== user.email) {
    const reason = user?.isBanned ? 'banned' : 'invalid_token';
    const event = {
      action: 'sign_in.failed',
      outcome: 'failure',
      subjectUserId: user ? user.id : null,
    } as const;
    await auditRequest(c, services.audit, { ...event, details: { method: 'email_link', reason } });
    throw invalidToken();
  }
  const current = user.isVerified ? user : ((await users.update(user.id, { isVerified: true })) ?? user);
  const ip = c.get('clientIp');
  const context = {
    ipAddress: ip === 'unknown' ? null : ip,
    userAgent: c.req.header('user-agent') ?? null,
    deviceId: deviceId ?? null,
  };
  return { user: current, session: await startLoginSession(c, services, current, context, 'email_link') };
}
