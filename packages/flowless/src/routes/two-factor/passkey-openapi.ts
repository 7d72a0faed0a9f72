/**
 * @module OpenAPI descriptions of the passkey routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { z } from 'zod';
import { acceptedBody } from '../../http/accepted-body.js';
import { passkeyLoginBody, passkeySetupBody } from './passkey-schemas.js';

const tags = ['two-factor'];
const options = {
  description: 'options (also public_key, publicKey): the WebAuthn options to pass to the browser',
};

/**
 * Describes the passkey routes.
 */
export function describePasskeyRoutes(openapi: OpenApiRegistry): void {
  openapi
    .add({
      method: 'post',
      path: '/auth/two_factor/passkey/setup',
      summary:
        'Creation options for a new passkey; send the response as credential to /auth/two_factor/verify (method passkey, action setup, optional name)',
      tags,
      auth: 'required',
      body: acceptedBody(passkeySetupBody),
      responses: {
        200: options,
        401: { description: '"Invalid session" or "Session expired"' },
        403: { description: 'TWO_FACTOR_DISABLED' },
        429: { description: 'Too many requests (Retry-After)' },
      },
    })
    .add({
      method: 'post',
      path: '/auth/two_factor/passkey/start',
      summary:
        "Request options for the user's passkeys (pending or active session); send the assertion as credential to /auth/two_factor/verify",
      tags,
      auth: 'required',
      body: acceptedBody(z.object({})),
      responses: {
        200: options,
        401: { description: '"Invalid session" or "Session expired"' },
        404: { description: 'No passkey' },
        429: { description: 'Too many requests (Retry-After)' },
      },
    })
    .add({
      method: 'post',
      path: '/auth/passkey/login/options',
      summary: 'Request options for a passwordless sign-in with a discoverable passkey (no session)',
      tags,
      body: acceptedBody(z.object({})),
      responses: {
        200: options,
        403: { description: 'TWO_FACTOR_DISABLED' },
        429: { description: 'Too many requests' },
      },
    })
    .add({
      method: 'post',
      path: '/auth/passkey/login',
      summary:
        'Sign in with a passkey alone (user verification required): an active session whose verified factor is passkey',
      tags,
      body: acceptedBody(passkeyLoginBody),
      responses: {
        200: { description: 'The login answer: user, session_id/sessionId, expires_at/expiresAt' },
        400: { description: 'Invalid body' },
        401: {
          description:
            'PASSKEY_REFUSED: unknown passkey, used or expired challenge, bad signature or counter',
        },
        403: { description: 'EMAIL_NOT_VERIFIED or TWO_FACTOR_DISABLED' },
        429: { description: 'Too many requests' },
      },
    });
}
