/**
 * @module OpenAPI descriptions of the `/auth/tokens` routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { createTokenBody, tokenIdParams } from './api-token-schemas.js';

const tags = ['api-tokens'];
const guarded = {
  401: { description: '"Invalid session" or "Session expired"' },
  403: { description: 'API_TOKEN_NOT_ALLOWED: a personal API token cannot manage tokens' },
  429: { description: 'Too many requests from this IP (Retry-After)' },
};

/**
 * Describes the API token routes.
 */
export function describeApiTokenRoutes(openapi: OpenApiRegistry): void {
  const auth = 'required' as const;
  openapi
    .add({
      method: 'post',
      path: '/auth/tokens',
      summary: 'Create a personal API token (the secret is in this answer only)',
      tags,
      auth,
      body: acceptedBody(createTokenBody),
      responses: {
        201: { description: '`secret` (flw_pat_…) and `token` (id, name, prefix, dates)' },
        400: { description: 'Invalid body, expiry in the past, PROOF_REQUIRED, wrong password or code' },
        409: { description: 'TOKEN_LIMIT_REACHED' },
        ...guarded,
      },
    })
    .add({
      method: 'get',
      path: '/auth/tokens',
      summary: "The signed-in user's API tokens (never their secrets)",
      tags,
      auth,
      responses: {
        200: { description: '`tokens`: id, name, prefix, created, expires, last used' },
        ...guarded,
      },
    })
    .add({
      method: 'delete',
      path: '/auth/tokens/:id',
      summary: 'Revoke an API token on every instance',
      tags,
      auth,
      params: tokenIdParams,
      responses: {
        200: { description: 'Token revoked' },
        404: { description: 'TOKEN_NOT_FOUND' },
        ...guarded,
      },
    });
}
