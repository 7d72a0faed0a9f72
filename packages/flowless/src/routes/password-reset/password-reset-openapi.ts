/**
 * @module OpenAPI descriptions of the password-reset routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { completeBody, requestBody, tokenBody, tokenParams, tokenQuery } from './password-reset-schemas.js';

const tags = ['password-reset'];
const limited = { 429: { description: 'Too many requests' } };
const checked = { 200: { description: 'valid: whether the token can still be used' }, ...limited };

/**
 * Describes the password-reset routes.
 */
export function describePasswordResetRoutes(openapi: OpenApiRegistry): void {
  const summary = 'Check a reset token without using it';
  openapi
    .add({
      method: 'post',
      path: '/auth/password-reset/request',
      summary: 'Mail a reset link (the same answer for every email)',
      tags,
      body: acceptedBody(requestBody),
      responses: { 200: { description: 'Requested' }, 400: { description: 'Invalid email' }, ...limited },
    })
    .add({
      method: 'get',
      path: '/auth/password-reset/validate/:token',
      summary,
      tags,
      params: tokenParams,
      responses: checked,
    })
    .add({
      method: 'get',
      path: '/auth/password-reset/validate',
      summary,
      tags,
      query: tokenQuery,
      responses: checked,
    })
    .add({
      method: 'post',
      path: '/auth/password-reset/validate',
      summary,
      tags,
      body: acceptedBody(tokenBody),
      responses: checked,
    });
  for (const path of ['/auth/password-reset/reset', '/auth/password-reset/complete']) {
    openapi.add({
      method: 'post',
      path,
      summary: 'Set a new password with a reset token; ends every session of the user',
      tags,
      body: acceptedBody(completeBody),
      responses: {
        200: { description: 'Password has been reset' },
        400: { description: 'Invalid body, password refused, or invalid or expired token' },
        ...limited,
      },
    });
  }
}
