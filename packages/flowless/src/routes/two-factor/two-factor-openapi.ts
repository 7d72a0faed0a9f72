/**
 * @module OpenAPI descriptions of the `/auth/two_factor` routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { z } from 'zod';
import { acceptedBody } from '../../http/accepted-body.js';
import { proofBody, setupBody, startBody, toggleBody, verifyBody } from './two-factor-schemas.js';

const tags = ['two-factor'];
const auth = 'required' as const;
const common = {
  401: { description: '"Invalid session" or "Session expired" (a pending session outside start/verify)' },
  403: { description: 'TWO_FACTOR_DISABLED: the module is off' },
  429: { description: 'Too many requests (Retry-After)' },
};
const proof = {
  400: { description: 'PROOF_REQUIRED, INVALID_CODE, wrong current password, or invalid body' },
};
const methodParams = z.object({ method: z.enum(['totp', 'email', 'sms', 'backup_codes']) });
const idParams = z.object({ id: z.string() });

/** The read routes and the ones that start a setup or a code. */
function describeStartRoutes(openapi: OpenApiRegistry): void {
  openapi
    .add({
      method: 'get',
      path: '/auth/two_factor/system',
      summary: 'Whether two-factor is on, and the methods this server offers (no session)',
      tags,
      responses: { 200: { description: 'global_two_factor_enabled, available_methods (both casings)' } },
    })
    .add({
      method: 'get',
      path: '/auth/two_factor/methods',
      summary: "The signed-in user's second factors",
      tags,
      auth,
      responses: {
        200: { description: 'data.methods and methods: [{id, method, status, identifier, …}]' },
        ...common,
      },
    })
    .add({
      method: 'post',
      path: '/auth/two_factor/:method/setup',
      summary:
        'Start setting a factor up: totp answers secret, otpauth_url and qr_code_svg; email/sms send a code. Active after verify (action setup)',
      tags,
      auth,
      params: methodParams,
      body: acceptedBody(setupBody),
      responses: {
        200: { description: 'method_id, status pending_setup' },
        400: { description: 'Invalid identifier, or METHOD_UNAVAILABLE (sms without a sender)' },
        409: { description: 'The method is already active' },
        ...common,
      },
    })
    .add({
      method: 'post',
      path: '/auth/two_factor/:method/start',
      summary: 'Send a code (email, sms; at most once a minute) for the session, pending or active',
      tags,
      auth,
      params: methodParams,
      body: acceptedBody(startBody),
      responses: {
        200: { description: 'verification_sent, expires_in' },
        400: { description: 'METHOD_UNAVAILABLE' },
        404: { description: 'No such active method' },
        ...common,
      },
    });
}

/** Verify, toggle, removal and backup codes. */
function describeChangeRoutes(openapi: OpenApiRegistry): void {
  openapi
    .add({
      method: 'post',
      path: '/auth/two_factor/verify',
      summary:
        'Check a code (for a passkey: the WebAuthn response as credential). action login (default) activates the pending session (same id); setup activates a factor or stores a passkey (first one: backup_codes); remove deletes it (needs a proof)',
      tags,
      auth,
      body: acceptedBody(verifyBody),
      responses: {
        200: { description: 'verified, session_activated, the session (login) or the method (setup)' },
        400: { description: 'INVALID_CODE with attempts_remaining, or invalid body' },
        404: { description: 'No such method' },
        409: { description: 'The session or method is already verified' },
        ...common,
      },
    })
    .add({
      method: 'post',
      path: '/auth/two_factor/toggle',
      summary: 'Turn two-factor on or off (two_factor_enabled or enabled); needs a proof; mails a notice',
      tags,
      auth,
      body: acceptedBody(toggleBody),
      responses: {
        200: { description: 'two_factor_enabled, two_factor, active_methods' },
        ...proof,
        ...common,
        403: { description: 'TWO_FACTOR_REQUIRED for user types that must keep it, or TWO_FACTOR_DISABLED' },
      },
    })
    .add({
      method: 'delete',
      path: '/auth/two_factor/:id',
      summary: 'Remove a factor; needs the password or a code of another factor; mails a notice',
      tags,
      auth,
      params: idParams,
      body: acceptedBody(proofBody),
      responses: {
        200: { description: 'Removed' },
        ...proof,
        404: { description: 'Method not found' },
        ...common,
        403: { description: 'TWO_FACTOR_REQUIRED: the last factor of a user who must keep one' },
      },
    })
    .add({
      method: 'post',
      path: '/auth/two_factor/backup_codes',
      summary: 'Replace the backup codes (old ones stop working); needs a proof; shown once',
      tags,
      auth,
      body: acceptedBody(proofBody),
      responses: { 200: { description: 'backup_codes: 10 codes' }, ...proof, ...common },
    });
}

/**
 * Describes the two-factor routes.
 */
export function describeTwoFactorRoutes(openapi: OpenApiRegistry): void {
  describeStartRoutes(openapi);
  describeChangeRoutes(openapi);
}
