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
import { badRequest } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import { loginResult } from '../../http/presenters.js';
import { parseBody } from '../../http/request-body.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { requestSignInLink, useSignInLink } from './sign-in-link.js';
import { tokenLoginBody } from './token-login-schemas.js';
import { registerTokenValidateRoutes, TOKEN_TYPE } from './token-validate-routes.js';

const REQUESTED = 'If the address has an account, a sign-in link was sent';

/**
 * Registers `POST /auth/token/login` and `GET|POST /auth/token/validate`.
 */
export function registerTokenLoginRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { config } = services;

  const requestLink = async (c: Context<FlowlessEnv>, address: string, requestedUrl: string | undefined) => {
    await requestSignInLink(services, address, requestedUrl);
    return c.json({
      success: true,
      message: REQUESTED,
      method: 'email',
      expires_in: Math.round(config.TOKEN_LOGIN_TTL_MS / 1000),
    });
  };

  const useLink = async (c: Context<FlowlessEnv>, token: string, deviceId: string | undefined) => {
    const { user, session } = await useSignInLink(c, services, token, deviceId);
    const extra = { loginType: TOKEN_TYPE, login_type: TOKEN_TYPE };
    if (session.pending) return c.json({ ...session.answer, ...extra });
    return c.json({
      success: true,
      ...loginResult(user, session.id, session.expiresAt),
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
