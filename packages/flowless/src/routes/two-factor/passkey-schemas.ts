/**
 * @module Zod schemas of the passkey routes: the WebAuthn responses a browser's
 * `navigator.credentials.create()` / `.get()` produce, in their standard JSON form (what
 * `@simplewebauthn/browser` posts), and the route bodies that carry them as `credential`.
 */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { transportsOf } from '../../two-factor/passkeys/webauthn-settings.js';

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/** The fields both ceremonies share; the credential id is capped to fit its column. */
const credentialFields = {
  id: base64url(255),
  rawId: base64url(255),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
};

/** A registration response (`PublicKeyCredential` JSON of `create()`). */
export const registrationCredential = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64url(4096),
    attestationObject: base64url(65_536),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
});

/** An assertion (`PublicKeyCredential` JSON of `get()`). */
export const authenticationCredential = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64url(4096),
    authenticatorData: base64url(4096),
    signature: base64url(1024),
    userHandle: base64url(128).optional(),
  }),
});

/** `POST /auth/two_factor/passkey/setup`: an optional name for the passkey. */
export const passkeySetupBody = z.object({ name: z.string().trim().min(1).max(100).optional() });

/** `POST /auth/passkey/login`: the assertion. */
export const passkeyLoginBody = z.object({ credential: authenticationCredential });

/**
 * The parsed registration response in `@simplewebauthn/server`'s type.
 */
export function toRegistrationResponse(
  credential: z.infer<typeof registrationCredential>,
): RegistrationResponseJSON {
  const { transports, ...response } = credential.response;
  return {
    id: credential.id,
    rawId: credential.rawId,
    type: 'public-key',
    clientExtensionResults: {},
    ...(credential.authenticatorAttachment && {
      authenticatorAttachment: credential.authenticatorAttachment,
    }),
    response: { ...response, ...(transports && { transports: transportsOf(transports) }) },
  };
}

/**
 * The parsed assertion in `@simplewebauthn/server`'s type.
 */
export function toAuthenticationResponse(
  credential: z.infer<typeof authenticationCredential>,
): AuthenticationResponseJSON {
  return {
    id: credential.id,
    rawId: credential.rawId,
    type: 'public-key',
    clientExtensionResults: {},
    ...(credential.authenticatorAttachment && {
      authenticatorAttachment: credential.authenticatorAttachment,
    }),
    response: credential.response,
  };
}
