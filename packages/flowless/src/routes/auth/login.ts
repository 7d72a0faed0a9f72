/**
 * @module `POST /auth/login` (see docs/flowless-contract.md, Sign-in and sessions): email or
 * username login (password-login.ts). A user with an active second factor (or of a type that must
 * use one) gets a pending session and the `requires_2fa` answer instead.
 */
import type { Hono } from 'hono';
import { badRequest } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { loginResult } from '../../http/presenters.js';
import { readBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { loginBody } from './auth-schemas.js';
import { passwordLogin } from './password-login.js';

/**
 * Registers the login route.
 */
export function registerLoginRoute(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  app.post('/auth/login', rateLimit(services, 'login'), async (c) => {
    const parsed = loginBody.safeParse(await readBody(c));
    if (!parsed.success) throw badRequest('email or userName and password are required');
    const { user, session } = await passwordLogin(c, services, {
      identifier: parsed.data.email ?? parsed.data.user_name ?? '',
      password: parsed.data.password,
      deviceId: parsed.data.device_id,
    });
    if (session.pending) return c.json(session.answer);
    return c.json({ success: true, ...loginResult(user, session.id, session.expiresAt) });
  });
}
