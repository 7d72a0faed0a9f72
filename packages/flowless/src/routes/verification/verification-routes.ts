/**
 * @module Email verification (see docs/flowless-contract.md, Password reset and verification):
 * `POST /auth/resend-verification` (same answer for every
 * email) and `POST /auth/verify-email` with `{token}`. Mail links carry the token in the URL
 * fragment, which browsers send to no server, so the front end reads it and posts it;
 * `GET /auth/verify-email?token=` stays for links mailed before links moved the token there. A
 * token verifies only the address it was mailed to: if the account's address changed since, it
 * is refused.
 */
import type { Context, Hono } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { parseBody, readBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { queueVerificationMail } from '../auth/verification-mail.js';
import { resendBody } from './verification-schemas.js';

const RESENT = 'If the email exists and is not verified, a verification link was sent';

/**
 * Registers the verification routes.
 */
export function registerVerificationRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, tokens, sessions, tasks } = services;

  app.post('/auth/resend-verification', rateLimit(services, 'verify'), async (c) => {
    const body = await parseBody(c, resendBody);
    tasks.run('mail.resend_verification', async () => {
      const user = await users.findByEmail(body.email);
      if (user && !user.isVerified && !user.isBanned) queueVerificationMail(services, user, body.verify_url);
    });
    return c.json({ success: true, message: RESENT });
  });

  const verify = async (c: Context<FlowlessEnv>, token: string | undefined): Promise<Response> => {
    const consumed = token ? await tokens.consume(token, 'email_verification') : null;
    const user = consumed && (await users.findById(consumed.userId));
    // A null sent_to is a token issued before addresses were recorded (migration 0003).
    if (!consumed || !user || (consumed.sentTo !== null && consumed.sentTo !== user.email)) {
      throw new FlowlessError('ERR_FLOWLESS_INVALID_TOKEN', 'Invalid or expired token', {
        status: 400,
        extra: { verified: false },
      });
    }
    await users.update(user.id, { isVerified: true });
    await sessions.forgetUser(user.id);
    return c.json({ success: true, verified: true, message: 'Email verified' });
  };
  app.get('/auth/verify-email', rateLimit(services, 'verify'), (c) => verify(c, c.req.query('token')));
  app.post('/auth/verify-email', rateLimit(services, 'verify'), async (c) => {
    const body = await readBody(c);
    return verify(c, typeof body.token === 'string' ? body.token : undefined);
  });
}
