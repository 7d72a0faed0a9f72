/**
 * @module OpenAPI description of the email-change confirmation route.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { confirmBody } from './email-change-schemas.js';

/**
 * Describes the email-change routes.
 */
export function describeEmailChangeRoutes(openapi: OpenApiRegistry): void {
  openapi.add({
    method: 'post',
    path: '/auth/email-change/confirm',
    summary:
      'Confirm a new email address with the token mailed to it; the account takes the address, verified',
    tags: ['me'],
    body: acceptedBody(confirmBody),
    responses: {
      200: { description: 'Email address changed (email: the new address)' },
      400: { description: 'Invalid body, or invalid, used or expired token' },
      409: { description: 'Another account uses the address now; the email was not changed' },
      429: { description: 'Too many requests' },
    },
  });
}
