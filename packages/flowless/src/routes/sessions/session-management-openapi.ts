/**
 * @module OpenAPI descriptions of the `/auth/sessions` routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { z } from 'zod';
import { acceptedBody } from '../../http/accepted-body.js';
import { proofBody } from '../two-factor/two-factor-schemas.js';

const tags = ['sessions'];
const guarded = {
  401: { description: '"Invalid session" or "Session expired"' },
  403: { description: 'API_TOKEN_NOT_ALLOWED: a personal API token cannot manage sessions' },
  429: { description: 'Too many requests from this IP (Retry-After)' },
};
const proofErrors = { 400: { description: 'PROOF_REQUIRED, wrong password or code' } };

/**
 * Describes the session management routes.
 */
export function describeSessionManagementRoutes(openapi: OpenApiRegistry): void {
  const auth = 'required' as const;
  openapi
    .add({
      method: 'get',
      path: '/auth/sessions',
      summary: "The signed-in user's active sessions",
      tags,
      auth,
      responses: {
        200: { description: '`sessions`: id, device, IP, user agent, created, last seen, current' },
        ...guarded,
      },
    })
    .add({
      method: 'delete',
      path: '/auth/sessions/:id',
      summary: 'End one session (another than the current one needs a fresh proof)',
      tags,
      auth,
      params: z.object({ id: z.string() }),
      body: acceptedBody(proofBody),
      responses: {
        200: { description: 'Session ended everywhere' },
        404: { description: 'SESSION_NOT_FOUND' },
        ...proofErrors,
        ...guarded,
      },
    })
    .add({
      method: 'delete',
      path: '/auth/sessions',
      summary: 'End every session but the current one (needs a fresh proof)',
      tags,
      auth,
      body: acceptedBody(proofBody),
      responses: { 200: { description: '`ended`: how many' }, ...proofErrors, ...guarded },
    });
}
