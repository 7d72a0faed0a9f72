/**
 * @module OpenAPI descriptions of login, registration and the session routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { loginBody, registerBody, sessionIdBody, sessionIdQuery } from './auth-schemas.js';

const tags = ['auth'];
const badSession = { 401: { description: '"Invalid session" or "Session expired"' } };
const tooMany = { 429: { description: 'Too many requests from this address (Retry-After)' } };

/**
 * Describes the auth routes.
 */
export function describeAuthRoutes(openapi: OpenApiRegistry): void {
  openapi.add({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with an email or a username and a password',
    tags,
    body: acceptedBody(loginBody),
    responses: {
      200: { description: 'The user and a new session (also set as a cookie)' },
      400: { description: 'Missing email/username or password' },
      401: { description: 'Invalid credentials (the one answer for every failure)' },
      403: { description: 'Email address not verified (code EMAIL_NOT_VERIFIED)' },
      429: { description: 'Too many attempts' },
    },
  });
  const registration = {
    201: {
      description: 'Registered (or, with verification on, "check your email"); the user id in data.id and id',
    },
    400: { description: 'Invalid body, metadata over its limits, or password refused by the policy' },
    415: { description: 'Body not sent as application/json' },
    409: { description: 'Username (or, without verification, email) already taken' },
    429: { description: 'Too many attempts' },
  };
  openapi
    .add({
      method: 'post',
      path: '/auth/register/public',
      summary: 'Self-registration (X-Bridge-Secret when REGISTER_REQUIRES_BRIDGE_SECRET)',
      tags,
      body: acceptedBody(registerBody.omit({ user_type: true, is_verified: true })),
      responses: { ...registration, 401: { description: 'Invalid bridge secret' } },
    })
    .add({
      method: 'post',
      path: '/auth/register',
      summary: 'Registration; with an admin session, creates a user of any type',
      tags,
      auth: 'optional',
      body: acceptedBody(registerBody),
      responses: { ...registration, 403: { description: 'Only a superadmin can create a superadmin' } },
    })
    .add({
      method: 'post',
      path: '/auth/logout',
      summary: 'End the session (known and unknown ids answer alike)',
      tags,
      auth: 'optional',
      query: sessionIdQuery,
      responses: { 200: { description: 'Logged out' }, ...tooMany },
    });
  for (const path of ['/auth/validation', '/auth/validate-session']) {
    const validation = {
      summary: 'Validate a session',
      tags,
      auth: 'optional' as const,
      query: sessionIdQuery,
      responses: {
        200: { description: 'The session and its user' },
        401: {
          description:
            '"Invalid session" or "Session expired"; a session waiting for its second factor: "Two-factor authentication required" (code TWO_FACTOR_PENDING) with requires_2fa, session_id, available_methods and user',
        },
      },
    };
    openapi
      .add({ method: 'get', path, ...validation })
      .add({ method: 'post', path, ...validation, body: acceptedBody(sessionIdBody) });
  }
  for (const path of ['/auth/refresh', '/auth/refresh-session']) {
    openapi.add({
      method: 'post',
      path,
      summary: 'Extend the session',
      tags,
      auth: 'required',
      query: sessionIdQuery,
      responses: {
        200: { description: 'The user and the extended session' },
        ...badSession,
        ...tooMany,
      },
    });
  }
}
