/**
 * @module `POST /auth/social/:provider/login-api` (see docs/social-login.md): a mobile app that ran
 * the provider's
 * flow itself posts the access token and gets the login result (with `is_new_user`). Only
 * providers that can confirm a token was issued to this client accept it (GitHub); any other
 * token could come from an unrelated app, so OIDC providers answer 400 and use the browser flow.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { badRequest } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { socialError } from '../../social/social-errors.js';
import type { SocialLoginServices } from '../../social/social-login-services.js';
import { issueSocialSession } from './social-session.js';

/** Body of `POST /auth/social/:provider/login-api`. */
export const loginApiBody = z.object({ access_token: z.string().min(1).max(4096) });

/**
 * Registers `POST /auth/social/:provider/login-api`.
 */
export function registerSocialLoginApiRoute(
  app: Hono<FlowlessEnv>,
  services: FlowlessServices,
  social: SocialLoginServices,
): void {
  app.post('/auth/social/:provider/login-api', rateLimit(services, 'login'), async (c) => {
    const provider = social.providers.get(c.req.param('provider'));
    if (!provider) throw socialError('provider_unknown');
    const { access_token: accessToken } = await parseBody(c, loginApiBody);
    if (!provider.identityFromAccessToken) {
      throw badRequest(
        `${provider.id} cannot confirm an access token was issued to this server; use the browser flow`,
      );
    }
    const identity = await provider.identityFromAccessToken(accessToken);
    const signIn = await social.accounts.signIn(provider.id, identity);
    const { body } = await issueSocialSession(c, services, provider.id, signIn);
    return c.json(body);
  });
}
