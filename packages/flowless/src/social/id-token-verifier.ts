/**
 * @module Verifies an ID token that an app obtained itself (`login-api` with `id_token`) with
 * jose against the issuer's JWKS: signature by a key of the issuer (asymmetric algorithms only,
 * so `alg: none` and HMAC tokens fail), `iss`, our client id in `aud` (and as `azp` when the token
 * has several audiences), `exp`/`iat`, and the nonce when the app sent one.
 */
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { socialError } from './social-errors.js';

/** Options of {@link createIdTokenVerifier}. */
export interface IdTokenVerifierOptions {
  /** The issuer identifier the token must carry. */
  readonly issuer: string;
  /** The issuer's `jwks_uri`. */
  readonly jwksUri: string;
  /** Our client id: the audience the token must have been issued to. */
  readonly clientId: string;
  /** ms before a JWKS request gives up. @default 10_000 */
  readonly timeoutMs?: number;
}

/** What the app sent beside the token. */
export interface IdTokenCheck {
  /** The nonce the app put in its request; null when it sent none. */
  readonly nonce: string | null;
  /** Current time in ms. */
  readonly now: number;
  /** An access token sent with it, for userinfo when the ID token has no address; null when none. */
  readonly accessToken: string | null;
}

/** Verifies one ID token; resolves to its claims. @throws FlowlessError `id_token_invalid`, `provider_unavailable` */
export type IdTokenVerifier = (idToken: string, check: IdTokenCheck) => Promise<JWTPayload & { sub: string }>;

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Creates an {@link IdTokenVerifier}; the JWKS is fetched on first use and cached by jose.
 *
 * @example
 * ```ts
 * const verify = createIdTokenVerifier({ issuer, jwksUri, clientId });
 * const claims = await verify(idToken, { nonce: null, now: Date.now() });
 * ```
 */
export function createIdTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri), { timeoutDuration: options.timeoutMs ?? 10_000 });
  return async (idToken, check) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, jwks, {
        issuer: options.issuer,
        audience: options.clientId,
        algorithms: ALGORITHMS,
        currentDate: new Date(check.now),
        requiredClaims: ['sub', 'iat', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || error instanceof TypeError) {
        throw socialError('provider_unavailable', error);
      }
      throw socialError('id_token_invalid', error);
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    // With several audiences, the party the token was issued to (azp) must be us.
    if (audiences.length > 1 && payload.azp !== options.clientId) throw socialError('id_token_invalid');
    if (check.nonce !== null && payload.nonce !== check.nonce) throw socialError('id_token_invalid');
    if (typeof payload.sub !== 'string' || payload.sub === '') throw socialError('id_token_invalid');
    return { ...payload, sub: payload.sub };
  };
}
