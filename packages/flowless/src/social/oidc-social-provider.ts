/**
 * @module OIDC providers (Google, Microsoft, Apple, and any `OIDC_PROVIDERS` entry) through
 * openid-client: discovery on first use (retried after a failure), authorization code flow with
 * PKCE S256 and a nonce, ID token validation (signature, `iss`, `aud`, `exp`, `nonce`) and the
 * userinfo endpoint when the ID token lacks the address.
 */
import * as client from 'openid-client';
import { appleFormUserName } from './apple-form-user.js';
import { createIdTokenVerifier, type IdTokenVerifier } from './id-token-verifier.js';
import { openidFailure as failure, isLoopback } from './openid-client-failure.js';
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

const trueClaim = (value: unknown) => value === true || value === 'true';
const stringClaim = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

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

  /** The identity the claims describe (Microsoft: `xms_edov` vouches for the address too). */
  const fromClaims = (subject: string, source: Record<string, unknown>) => {
    const email = stringClaim(source.email)?.toLowerCase() ?? null;
    const vouched = [...(options.verifiedEmailClaims ?? []), 'email_verified'].some((claim) =>
      trueClaim(source[claim]),
    );
    return {
      subject,
      email,
      emailVerified: email !== null && vouched,
      name: stringClaim(source.name),
      picture: stringClaim(source.picture),
    };
  };

  let verifier: Promise<IdTokenVerifier> | null = null;
  const verifyIdToken = (): Promise<IdTokenVerifier> => {
    verifier ??= configuration().then((config) => {
      const { issuer: expected, jwks_uri: jwksUri } = config.serverMetadata();
      if (!jwksUri) throw socialError('provider_error');
      return createIdTokenVerifier({
        issuer: expected,
        jwksUri,
        clientId: options.clientId,
        timeoutMs: timeout * 1000,
      });
    });
    verifier.catch(() => {
      verifier = null;
    });
    return verifier;
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
      const identity = fromClaims(claims.sub, source);
      return {
        ...identity,
        name: identity.name ?? appleFormUserName(callback.callbackUrl.searchParams.get('user')),
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        accessTokenExpiresAt:
          tokens.expiresIn() === undefined ? null : callback.now + (tokens.expiresIn() ?? 0) * 1000,
      };
    },
    async identityFromIdToken(idToken, check) {
      const claims = await (await verifyIdToken())(idToken, check);
      let source: Record<string, unknown> = claims;
      const config = await at(check.now);
      if (
        stringClaim(claims.email) === null &&
        check.accessToken &&
        config.serverMetadata().userinfo_endpoint
      ) {
        // The address from userinfo, for the subject the verified ID token names (checked by openid-client).
        try {
          source = { ...(await client.fetchUserInfo(config, check.accessToken, claims.sub)), ...claims };
        } catch (error) {
          throw failure(error, 'userinfo');
        }
      }
      return {
        ...fromClaims(claims.sub, source),
        accessToken: check.accessToken,
        refreshToken: null,
        accessTokenExpiresAt: null,
      };
    },
  };
}
