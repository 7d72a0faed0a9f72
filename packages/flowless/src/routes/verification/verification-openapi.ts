/**
 * @module OpenAPI descriptions of the email-verification routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { resendBody, verifyBody, verifyQuery } from './verification-schemas.js';

const tags = ['verification'];
const verified = {
  200: { description: 'Email verified' },
  400: { description: 'Invalid or expired token (verified: false)' },
  429: { description: 'Too many requests' },
};

/**
 * Describes the verification routes.
 */
export function describeVerificationRoutes(openapi: OpenApiRegistry): void {
  const summary = 'Verify an email address with its token';
  openapi
    .add({
      method: 'post',
      path: '/auth/resend-verification',
      summary: 'Mail a new verification link (the same answer for every email)',
      tags,
      body: acceptedBody(resendBody),
      responses: {
        200: { description: 'Requested' },
        400: { description: 'Invalid email' },
        429: { description: 'Too many requests' },
      },
    })
    .add({
      method: 'get',
      path: '/auth/verify-email',
      summary,
      tags,
      query: verifyQuery,
      responses: verified,
    })
    .add({
      method: 'post',
      path: '/auth/verify-email',
      summary,
      tags,
      body: acceptedBody(verifyBody),
      responses: verified,
    });
}
