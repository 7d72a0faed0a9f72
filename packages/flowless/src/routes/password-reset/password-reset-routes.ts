/**
 * @module Password reset (see docs/flowless-contract.md, Password reset and verification): request
 * (same answer for every email), validate in its three
 * forms, and complete on `/reset` and `/complete`. Completing ends every session of the user and
 * voids every other outstanding one-time token (reset, verification, email change). It marks the
 * address verified only when the link was mailed to the user's current address: one mailed to an
 * address the account has since left proves nothing about the address it has now.
 */
import type { Context, Hono } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { parseBody, readBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { completePasswordReset, requestPasswordReset } from './password-reset-flow.js';
import { completeBody, requestBody } from './password-reset-schemas.js';

const REQUESTED = 'If the email exists, a reset link was sent';

/**
 * Registers the password-reset routes.
 */
export function registerPasswordResetRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { tokens } = services;

  app.post('/auth/password-reset/request', rateLimit(services, 'reset'), async (c) => {
    const body = await parseBody(c, requestBody);
    // The lookup, token and mail run after the answer, so known and unknown emails answer alike.
    requestPasswordReset(services, body.email, body.reset_url);
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
    await completePasswordReset(c, services, body.token, body.password);
    return c.json({ success: true, message: 'Password has been reset' });
  };
  app.post('/auth/password-reset/reset', rateLimit(services, 'reset'), complete);
  app.post('/auth/password-reset/complete', rateLimit(services, 'reset'), complete);
}
