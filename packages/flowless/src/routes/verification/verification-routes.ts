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
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { parseBody, readBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { resendVerification } from './resend-verification.js';
import { resendBody } from './verification-schemas.js';
import { verifyEmailToken } from './verify-email-token.js';

const RESENT = 'If the email exists and is not verified, a verification link was sent';

/**
 * Registers the verification routes.
 */
export function registerVerificationRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  app.post('/auth/resend-verification', rateLimit(services, 'verify'), async (c) => {
    const body = await parseBody(c, resendBody);
    resendVerification(services, body.email, body.verify_url);
    return c.json({ success: true, message: RESENT });
  });

  const verify = async (c: Context<FlowlessEnv>, token: string | undefined): Promise<Response> => {
    await verifyEmailToken(services, token);
    return c.json({ success: true, verified: true, message: 'Email verified' });
  };
  app.get('/auth/verify-email', rateLimit(services, 'verify'), (c) => verify(c, c.req.query('token')));
  app.post('/auth/verify-email', rateLimit(services, 'verify'), async (c) => {
    const body = await readBody(c);
    return verify(c, typeof body.token === 'string' ? body.token : undefined);
  });
}
