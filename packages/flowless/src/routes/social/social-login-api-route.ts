/**
 * @module `POST /auth/social/:provider/login-api` (see docs/social-login.md): a mobile app that ran the provider's
 * flow itself posts what it obtained and gets the login result (with `is_new_user`). Plain OAuth
 * 2.0 providers take an `access_token` only when they can confirm it was issued to this client
 * (GitHub, Discord, Facebook); OIDC providers take an `id_token` verified against the issuer's
 * keys with this client id as audience. An access token alone could come from an unrelated app,
 * so an OIDC provider refuses it (400).
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
import type { ProviderIdentity } from '../../social/social-provider.js';
import { issueSocialSession } from './social-session.js';

/** Body of `POST /auth/social/:provider/login-api`. */
export const loginApiBody = z
  .object({
    access_token: z.string().min(1).max(4096).optional(),
    id_token: z.string().min(1).max(16_384).optional(),
    nonce: z.string().min(1).max(512).optional(),
  })
  .refine((body) => body.access_token !== undefined || body.id_token !== undefined, {
    message: 'access_token or id_token is required',
  });

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
    const input = await parseBody(c, loginApiBody);
    let identity: ProviderIdentity;
    if (input.id_token !== undefined && provider.identityFromIdToken) {
      identity = await provider.identityFromIdToken(input.id_token, {
        nonce: input.nonce ?? null,
        now: services.clock.now(),
        accessToken: input.access_token ?? null,
      });
    } else if (input.access_token !== undefined && provider.identityFromAccessToken) {
      identity = await provider.identityFromAccessToken(input.access_token);
    } else {
      throw badRequest(
        provider.kind === 'oidc'
          ? `${provider.id} takes an id_token issued to this server's client id`
          : `${provider.id} takes an access_token issued to this server's client id`,
      );
    }
    const signIn = await social.accounts.signIn(provider.id, identity);
    const { body } = await issueSocialSession(c, services, provider.id, signIn);
    return c.json(body);
  });
}
