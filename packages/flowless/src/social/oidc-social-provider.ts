/**
 * @module OIDC providers (Google, Microsoft, Apple, and any `OIDC_PROVIDERS` entry) through
 * openid-client: discovery on first use (retried after a failure), authorization code flow with
 * PKCE S256 and a nonce, ID token validation (signature, `iss`, `aud`, `exp`, `nonce`) and the
 * userinfo endpoint when the ID token lacks the address.
 */
import * as client from 'openid-client';
import { socialError } from './social-errors.js';
import type { AuthorizationCallback, ProviderIdentity, SocialProvider } from './social-provider.js';

/** Options of {@link createOidcSocialProvider}. */
export interface OidcSocialProviderOptions {
  readonly id: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  /** The callback URL registered at the provider. */
  readonly redirectUri: string;
  /** Extra authorization parameters (Apple: `response_mode=form_post`). @default {} */
  readonly authorizationParams?: Readonly<Record<string, string>>;
  /**
   * Claims that vouch for the address besides `email_verified` (Microsoft: `xms_edov`).
   * @default []
   */
  readonly verifiedEmailClaims?: readonly string[];
  /** Seconds before discovery, token and userinfo requests give up. @default 10 */
  readonly timeoutSeconds?: number;
}

const ID_TOKEN_CODES = new Set([
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED',
  'OAUTH_UNSUPPORTED_OPERATION',
  'OAUTH_INVALID_RESPONSE',
]);
const UNREACHABLE_CODES = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM']);

// Plain-HTTP issuers are accepted only on the loopback interface (local development and tests).
const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

const trueClaim = (value: unknown) => value === true || value === 'true';
const stringClaim = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** Maps what openid-client throws to a social failure. */
function failure(error: unknown, stage: 'discovery' | 'grant' | 'userinfo') {
  if (error instanceof client.AuthorizationResponseError) {
    return socialError(error.error === 'access_denied' ? 'cancelled' : 'provider_error', error);
  }
  if (error instanceof client.ResponseBodyError) {
    if (error.status >= 500) return socialError('provider_unavailable', error);
    return socialError(error.error === 'invalid_grant' ? 'code_rejected' : 'provider_error', error);
  }
  if (error instanceof TypeError || stage === 'discovery') return socialError('provider_unavailable', error);
  const code = error instanceof client.ClientError ? error.code : undefined;
  if (code && UNREACHABLE_CODES.has(code)) return socialError('provider_unavailable', error);
  if (stage === 'grant' && code && ID_TOKEN_CODES.has(code)) return socialError('id_token_invalid', error);
  return socialError('provider_error', error);
}

/**
 * Creates an OIDC {@link SocialProvider}.
 */
export function createOidcSocialProvider(options: OidcSocialProviderOptions): SocialProvider {
  const issuer = new URL(options.issuer);
  const timeout = options.timeoutSeconds ?? 10;
  const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
  let discovered: Promise<client.Configuration> | null = null;

  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(issuer, options.clientId, options.clientSecret, undefined, {
        timeout,
        ...(insecure && { execute: [client.allowInsecureRequests] }),
      })
      .catch((error: unknown) => {
        discovered = null;
        throw failure(error, 'discovery');
      });
    return discovered;
  };

  /** A configuration whose clock is the injected one (the discovered metadata and JWKS are reused). */
  const at = async (now: number): Promise<client.Configuration> => {
    const base = await configuration();
    const config = new client.Configuration(base.serverMetadata(), options.clientId, {
      client_secret: options.clientSecret,
      [client.clockSkew]: Math.round((now - Date.now()) / 1000),
    });
    config.timeout = timeout;
    if (insecure) client.allowInsecureRequests(config);
    const jwks = client.getJwksCache(base);
    if (jwks) client.setJwksCache(config, jwks);
    return config;
  };

  return {
    id: options.id,
    kind: 'oidc',
    async authorizationUrl(request) {
      const config = await configuration();
      return client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: options.scopes.join(' '),
        response_type: 'code',
        state: request.state,
        nonce: request.nonce ?? '',
        code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
        code_challenge_method: 'S256',
        ...options.authorizationParams,
      });
    },
    async complete(callback: AuthorizationCallback): Promise<ProviderIdentity> {
      const config = await at(callback.now);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, callback.callbackUrl, {
          pkceCodeVerifier: callback.codeVerifier,
          expectedState: callback.state,
          expectedNonce: callback.nonce ?? '',
          idTokenExpected: true,
        });
      } catch (error) {
        throw failure(error, 'grant');
      }
      const claims = tokens.claims();
      if (!claims) throw socialError('id_token_invalid');
      let source: Record<string, unknown> = claims;
      const endpoint = config.serverMetadata().userinfo_endpoint;
      if (stringClaim(claims.email) === null && endpoint) {
        try {
          source = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
        } catch (error) {
          throw failure(error, 'userinfo');
        }
      }
      const email = stringClaim(source.email)?.toLowerCase() ?? null;
      const vouched = [...(options.verifiedEmailClaims ?? []), 'email_verified'].some((claim) =>
        trueClaim(source[claim]),
      );
      return {
        subject: claims.sub,
        email,
        emailVerified: email !== null && vouched,
        name: stringClaim(source.name),
        picture: stringClaim(source.picture),
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        accessTokenExpiresAt:
          tokens.expiresIn() === undefined ? null : callback.now + (tokens.expiresIn() ?? 0) * 1000,
      };
    },
  };
}
