/**
 * @module Passwordless sign-in by email link (see docs/flowless-contract.md, Sign-in links).
 * `POST /auth/token/login` with an address
 * mails a single-use link (256 random bits, stored as SHA-256, `TOKEN_LOGIN_TTL_MS`), answering
 * the same whether the address has an account; with `token` it uses the link up and answers a
 * login result like password login. `GET|POST /auth/token/validate` checks a token without using
 * it. Links are limited per IP and per address (known or not); using one proves the mailbox, so
 * it marks that address verified.
 */

import type { Context, Hono } from 'hono';
import { auditRequest } from '../../audit/audit-request.js';
import { badRequest, FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, rateLimited } from '../../http/middleware.js';
import { loginResult } from '../../http/presenters.js';
import { parseBody } from '../../http/request-body.js';
import { mailLink } from '../../mail/redirect-allow-list.js';
import { tokenLoginMail } from '../../mail/templates.js';
import { sha256Hex } from '../../secrets/opaque-secret.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { startLoginSession } from '../auth/login-session.js';
import { emailField } from '../auth/user-fields.js';
import { tokenLoginBody } from './token-login-schemas.js';
import { registerTokenValidateRoutes, TOKEN_TYPE } from './token-validate-routes.js';

const REQUESTED = 'If the address has an account, a sign-in link was sent';

const invalidToken = (): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_INVALID_TOKEN', 'Invalid or expired token', {
    status: 400,
    extra: { valid: false },
  });

/**
 * Registers `POST /auth/token/login` and `GET|POST /auth/token/validate`.
 */
export function registerTokenLoginRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, tokens, mailer, config, tasks, limits } = services;

  const requestLink = async (c: Context<FlowlessEnv>, address: string, requestedUrl: string | undefined) => {
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
    return c.json({
      success: true,
      message: REQUESTED,
      method: 'email',
      expires_in: Math.round(config.TOKEN_LOGIN_TTL_MS / 1000),
    });
  };

  const useLink = async (c: Context<FlowlessEnv>, token: string, deviceId: string | undefined) => {
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
    const session = await startLoginSession(c, services, current, context, 'email_link');
    const extra = { loginType: TOKEN_TYPE, login_type: TOKEN_TYPE };
    if (session.pending) return c.json({ ...session.answer, ...extra });
    return c.json({
      success: true,
      ...loginResult(current, session.id, session.expiresAt),
      loginType: TOKEN_TYPE,
      login_type: TOKEN_TYPE,
    });
  };

  app.post('/auth/token/login', rateLimit(services, 'token_login'), async (c) => {
    const body = await parseBody(c, tokenLoginBody);
    if (body.token !== undefined) return useLink(c, body.token, body.device_id);
    const kind = body.type ?? body.method ?? 'email';
    if (kind !== 'email') throw badRequest('Only email sign-in links are supported (type: "email")');
    const address = body.identifier ?? body.email;
    if (address === undefined) throw badRequest('token, or identifier (an email address), is required');
    return requestLink(c, address, body.redirect_url ?? body.login_url);
  });

  registerTokenValidateRoutes(app, services);
}
