/**
 * @module OpenAPI descriptions of the Bridge routes: server to server, `X-Bridge-Secret`.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { invalidateBody, revocationFeedQuery, validateBody, validateQuery } from './bridge-schemas.js';

const tags = ['bridge'];

/**
 * Describes the Bridge routes.
 */
export function describeBridgeRoutes(openapi: OpenApiRegistry): void {
  for (const path of ['/auth/bridge/validate', '/bridge/validate']) {
    openapi.add({
      method: 'post',
      path,
      summary: 'Validate a session for a backend (X-Bridge-Secret)',
      tags,
      query: validateQuery,
      body: acceptedBody(validateBody),
      responses: {
        200: { description: 'valid: true, the user and the session' },
        401: {
          description: 'Invalid bridge secret, or valid: false with "Invalid session"/"Session expired"',
        },
      },
    });
  }
  openapi.add({
    method: 'post',
    path: '/auth/bridge/invalidate',
    summary: 'Revoke a session (by id or hash) or every session of a user (X-Bridge-Secret)',
    tags,
    body: acceptedBody(invalidateBody),
    responses: {
      200: { description: 'revoked: whether anything was revoked' },
      400: { description: 'None of session_id, session_hash, user_id, or a malformed session_hash' },
      401: { description: 'Invalid bridge secret' },
    },
  });
  openapi.add({
    method: 'get',
    path: '/auth/bridge/revocations',
    summary:
      'Revocation feed as Server-Sent Events (X-Bridge-Secret; Last-Event-ID or ?since= to resume): revocation, resync and ready events, heartbeat comments',
    tags,
    query: revocationFeedQuery,
    responses: {
      200: { description: 'text/event-stream, open until the client leaves or the server shuts down' },
      400: { description: 'Last-Event-ID or since is not a number' },
      401: { description: 'Invalid bridge secret' },
    },
  });
}
