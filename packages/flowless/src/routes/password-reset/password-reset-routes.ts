/**
 * @module Password reset (see docs/flowless-contract.md, Password reset and verification): request
 * (same answer for every email), validate in its three
 * forms, and complete on `/reset` and `/complete`. Completing ends every session of the user and
 * voids every other outstanding one-time token (reset, verification, email change). It marks the
 * address verified only when the link was mailed to the user's current address: one mailed to an
 * address the account has since left proves nothing about the address it has now.
 */
import type { Context, Hono } from 'hono';
import { auditRequest, selfEvent } from '../../audit/audit-request.js';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { parseBody, readBody } from '../../http/request-body.js';
import { mailLink } from '../../mail/redirect-allow-list.js';
import { passwordResetMail } from '../../mail/templates.js';
import { assertPasswordAllowed } from '../../passwords/password-policy.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { completeBody, requestBody } from './password-reset-schemas.js';

const REQUESTED = 'If the email exists, a reset link was sent';

const invalidToken = (): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_INVALID_TOKEN', 'Invalid or expired token', {
    status: 400,
    extra: { valid: false },
  });

/**
 * Registers the password-reset routes.
 */
export function registerPasswordResetRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, tokens, sessions, hasher, mailer, config, tasks } = services;

  app.post('/auth/password-reset/request', rateLimit(services, 'reset'), async (c) => {
    const body = await parseBody(c, requestBody);
    // The lookup, token and mail run after the answer, so known and unknown emails answer alike.
    tasks.run('mail.password_reset', async () => {
      const user = await users.findByEmail(body.email);
      if (!user || user.isBanned) return;
      const token = await tokens.issue(user.id, 'password_reset', config.PASSWORD_RESET_TTL_MS, {
        sentTo: user.email,
      });
      const fallback = new URL('/reset-password', config.FRONTEND_URL).toString();
      await mailer.send(
        passwordResetMail(
          user.email,
          mailLink(body.reset_url, config.ALLOWED_REDIRECT_URLS, fallback, token),
        ),
      );
    });
    return c.json({ success: true, message: REQUESTED });
  });

  const validate = async (c: Context<FlowlessEnv>, token: string | undefined): Promise<Response> => {
    const userId = token ? await tokens.peek(token, 'password_reset') : null;
    return c.json({
      success: true,
      valid: userId !== null,
      message: userId ? 'Token is valid' : 'Invalid or expired token',
    });
  };
  app.get('/auth/password-reset/validate/:token', rateLimit(services, 'reset'), (c) =>
    validate(c, c.req.param('token')),
  );
  app.get('/auth/password-reset/validate', rateLimit(services, 'reset'), (c) =>
    validate(c, c.req.query('token')),
  );
  app.post('/auth/password-reset/validate', rateLimit(services, 'reset'), async (c) => {
    const body = await readBody(c);
    return validate(c, typeof body.token === 'string' ? body.token : undefined);
  });

  const complete = async (c: Context<FlowlessEnv>): Promise<Response> => {
    const body = await parseBody(c, completeBody);
    // The policy is checked first so that a rejected password does not use the token up.
    assertPasswordAllowed(body.password);
    const consumed = await tokens.consume(body.token, 'password_reset');
    const user = consumed && (await users.findById(consumed.userId));
    if (!consumed || !user) throw invalidToken();
    await users.update(user.id, {
      passwordHash: await hasher.hash(body.password),
      ...(consumed.sentTo === user.email && { isVerified: true }),
    });
    await tokens.voidAll(user.id);
    await sessions.revokeUser(user.id);
    await auditRequest(c, services.audit, selfEvent('password.changed', user.id, { method: 'reset' }));
    return c.json({ success: true, message: 'Password has been reset' });
  };
  app.post('/auth/password-reset/reset', rateLimit(services, 'reset'), complete);
  app.post('/auth/password-reset/complete', rateLimit(services, 'reset'), complete);
}
