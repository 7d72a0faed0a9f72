/**
 * @module OpenAPI descriptions of the signed-in user's routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { adminPasswordBody, profileBody, selfPasswordBody } from './me-schemas.js';

const tags = ['me'];
const badSession = { 401: { description: '"Invalid session" or "Session expired"' } };
const limited = { 429: { description: 'Too many requests from this IP (Retry-After)' } };

/**
 * Describes the "me" routes.
 */
export function describeMeRoutes(openapi: OpenApiRegistry): void {
  for (const path of ['/auth/user/me', '/auth/me', '/auth/session/current']) {
    openapi.add({
      method: 'get',
      path,
      summary: 'The signed-in user and session',
      tags,
      auth: 'required',
      responses: { 200: { description: 'The user' }, ...badSession },
    });
  }
  for (const path of ['/auth/user/me', '/auth/profile']) {
    openapi.add({
      method: 'put',
      path,
      summary:
        'Change your profile; a new email needs current_password (or verification_code of an active second factor) and waits for the link mailed to it (pending_email)',
      tags,
      auth: 'required',
      body: acceptedBody(profileBody),
      responses: {
        200: {
          description:
            'The updated user (still with its current email); pending_email when a new address awaits confirmation',
        },
        400: {
          description:
            'Invalid body (failing fields listed), current_password missing or incorrect for a new email',
        },
        401: {
          description:
            '"Invalid session", "Session expired", or "Current password is incorrect" while the account is locked',
        },
        409: { description: 'Username already taken' },
        ...limited,
      },
    });
  }
  openapi
    .add({
      method: 'post',
      path: '/auth/password-change/self',
      summary: 'Change your password; ends your other sessions and answers with a new one',
      tags,
      auth: 'required',
      body: acceptedBody(selfPasswordBody),
      responses: {
        200: { description: 'The user and a new session' },
        400: { description: 'Invalid body, wrong current password or password refused' },
        401: {
          description:
            '"Invalid session", "Session expired", or "Current password is incorrect" while the account is locked',
        },
        ...limited,
      },
    })
    .add({
      method: 'post',
      path: '/auth/password-change/admin',
      summary: "Set another user's password (admin); ends their sessions",
      tags: ['admin'],
      auth: 'required',
      body: acceptedBody(adminPasswordBody),
      responses: {
        200: { description: 'Password updated' },
        400: { description: 'Invalid body or password refused' },
        403: { description: 'Not an admin, or the target is a superadmin' },
        404: { description: 'User not found' },
        ...badSession,
        ...limited,
      },
    })
    .add({
      method: 'post',
      path: '/auth/invalidate/me',
      summary: 'Drop your cached validations on every instance',
      tags,
      auth: 'required',
      responses: {
        200: { description: 'Cache invalidated' },
        429: { description: 'Over 10 requests in 5 minutes for this user (Retry-After)' },
        ...badSession,
      },
    });
}
