/**
 * @module OpenAPI descriptions of the admin user routes, on both path families.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { z } from 'zod';
import { acceptedBody } from '../../http/accepted-body.js';
import { registerBody } from '../auth/auth-schemas.js';
import { listQueryAccepted, updateBody, userIdParams } from './admin-schemas.js';

const tags = ['admin'];
const guarded = {
  401: { description: '"Invalid session" or "Session expired"' },
  403: { description: 'Not an admin, or a superadmin-only change' },
  429: { description: 'Too many requests from this IP (Retry-After)' },
};
const missing = { 404: { description: 'User not found' } };

/**
 * Describes the admin user routes.
 */
export function describeAdminRoutes(openapi: OpenApiRegistry): void {
  const auth = 'required' as const;
  for (const base of ['/auth/users', '/auth/admin/users']) {
    const one = `${base}/:id`;
    const update = {
      path: one,
      summary: 'Change a user',
      tags,
      auth,
      params: userIdParams,
      body: acceptedBody(updateBody),
      responses: {
        200: { description: 'The updated user' },
        400: { description: 'Invalid body' },
        409: { description: 'Email or username already in use' },
        ...guarded,
        ...missing,
      },
    };
    openapi
      .add({
        method: 'get',
        path: base,
        summary: 'List users',
        tags,
        auth,
        query: listQueryAccepted,
        responses: {
          200: { description: 'A page of users' },
          400: { description: 'Invalid list query' },
          ...guarded,
        },
      })
      .add({
        method: 'post',
        path: base,
        summary: 'Create a user of any type',
        tags,
        auth,
        body: acceptedBody(registerBody),
        responses: {
          201: { description: 'The created user' },
          400: { description: 'Invalid body or password refused' },
          409: { description: 'Email or username already taken' },
          ...guarded,
        },
      })
      .add({
        method: 'get',
        path: one,
        summary: 'One user',
        tags,
        auth,
        params: userIdParams,
        responses: { 200: { description: 'The user' }, ...guarded, ...missing },
      })
      .add({ method: 'put', ...update })
      .add({ method: 'patch', ...update })
      .add({
        method: 'delete',
        path: one,
        summary: 'Delete a user and end their sessions',
        tags,
        auth,
        params: userIdParams,
        responses: { 200: { description: 'User deleted' }, ...guarded, ...missing },
      });
    describeAdminSessionRoutes(openapi, one);
  }
}

/** The admin routes that end a user's sessions, under `one` (`…/users/:id`). */
function describeAdminSessionRoutes(openapi: OpenApiRegistry, one: string): void {
  const auth = 'required' as const;
  openapi
    .add({
      method: 'delete',
      path: `${one}/sessions`,
      summary: 'End every session of a user, on every instance',
      tags,
      auth,
      params: userIdParams,
      responses: { 200: { description: 'Sessions ended' }, ...guarded, ...missing },
    })
    .add({
      method: 'delete',
      path: `${one}/sessions/:sessionId`,
      summary: 'End one session of a user, on every instance',
      tags,
      auth,
      params: userIdParams.extend({ sessionId: z.string() }),
      responses: {
        200: { description: 'Session ended' },
        404: { description: 'User not found, or SESSION_NOT_FOUND' },
        ...guarded,
      },
    });
}
