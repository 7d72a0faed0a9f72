/**
 * @module `GET|POST /auth/token/validate`: whether a sign-in link's token is live, without using
 * it. A token mailed to an address its account has since left reads as invalid.
 */
import type { Context, Hono } from 'hono';
import { iso } from '../../db/values.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { readBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';

/** The `tokenType` of sign-in links in answers. */
export const TOKEN_TYPE = 'token_login';

/**
 * Registers `GET /auth/token/validate?token=` and `POST /auth/token/validate`.
 */
export function registerTokenValidateRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { users, tokens } = services;
  const validate = async (c: Context<FlowlessEnv>, token: string | undefined): Promise<Response> => {
    const live = token ? await tokens.inspect(token, 'token_login') : null;
    const user = live && (await users.findById(live.userId));
    if (!live || !user || user.isBanned || live.sentTo !== user.email) {
      return c.json({
        success: false,
        valid: false,
        user: null,
        tokenType: TOKEN_TYPE,
        token_type: TOKEN_TYPE,
        token_id: null,
        expires_at: null,
        message: 'Invalid or expired token',
      });
    }
    const expiresAt = iso(live.expiresAt);
    return c.json({
      success: true,
      valid: true,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        isVerified: user.isVerified,
        is_verified: user.isVerified,
      },
      tokenType: TOKEN_TYPE,
      token_type: TOKEN_TYPE,
      token_id: live.id,
      expires_at: expiresAt,
      expiresAt,
      message: 'Token is valid',
    });
  };
  app.get('/auth/token/validate', rateLimit(services, 'token_login'), (c) =>
    validate(c, c.req.query('token')),
  );
  app.post('/auth/token/validate', rateLimit(services, 'token_login'), async (c) => {
    const body = await readBody(c);
    return validate(c, typeof body.token === 'string' ? body.token : undefined);
  });
}
