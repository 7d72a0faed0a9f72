/**
 * @module OpenAPI descriptions of the token-login routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { tokenLoginBody, tokenValidateBody, tokenValidateQuery } from './token-login-schemas.js';

const tags = ['token-login'];
const limited = { 429: { description: 'Too many requests (per IP, or per address when asking for a link)' } };
const checked = {
  200: {
    description:
      'success/valid, user, tokenType: token_login, token_id, expires_at, message (success and valid false, user null, for an unknown, used or expired token)',
  },
  ...limited,
};

/**
 * Describes the token-login routes.
 */
export function describeTokenLoginRoutes(openapi: OpenApiRegistry): void {
  const summary = 'Check a sign-in link token without using it';
  openapi
    .add({
      method: 'post',
      path: '/auth/token/login',
      summary:
        'With identifier/email: mail a single-use sign-in link (the same answer for every address). With token: use it and sign in',
      tags,
      body: acceptedBody(tokenLoginBody),
      responses: {
        200: {
          description: 'Link requested, or a login result (user, sessionId/session_id, expiresAt/expires_at)',
        },
        400: { description: 'Neither token nor identifier, not an email, or an invalid or expired token' },
        ...limited,
      },
    })
    .add({
      method: 'get',
      path: '/auth/token/validate',
      summary,
      tags,
      query: tokenValidateQuery,
      responses: checked,
    })
    .add({
      method: 'post',
      path: '/auth/token/validate',
      summary,
      tags,
      body: acceptedBody(tokenValidateBody),
      responses: checked,
    });
}
