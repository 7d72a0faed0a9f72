/**
 * @module OIDC providers (Google, Microsoft, Apple, and any `OIDC_PROVIDERS` entry) through
 * openid-client: discovery on first use (retried after a failure), authorization code flow with
 * PKCE S256 and a nonce, ID token validation (signature, `iss`, `aud`, `exp`, `nonce`) and the
 * userinfo endpoint when the ID token lacks the address.
 */
import * as client from 'openid-client';
import { appleFormUserName } from './apple-form-user.js';
import { createIdTokenVerifier, type IdTokenCheck, type IdTokenVerifier } from './id-token-verifier.js';
import { openidFailure as failure, isLoopback } from './openid-client-failure.js';
import { socialError } from './social-errors.js';
import type {
  AuthorizationCallback,
  AuthorizationRequest,
  ProviderIdentity,
  SocialProvider,
} from './social-provider.js';

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

/** What one OIDC provider keeps between requests: its options and the lazily discovered metadata. */
interface OidcContext {
  readonly options: OidcSocialProviderOptions;
  readonly issuer: URL;
  /** Seconds. */
  readonly timeout: number;
  /** Plain HTTP to a loopback issuer (local development and tests). */
  readonly insecure: boolean;
  discovered: Promise<client.Configuration> | null;
  verifier: Promise<IdTokenVerifier> | null;
}

/** The discovered configuration; a failed discovery is forgotten so the next request retries it. */
function configuration(context: OidcContext): Promise<client.Configuration> {
  const { options, timeout, insecure } = context;
  context.discovered ??= client
    .discovery(context.issuer, options.clientId, options.clientSecret, undefined, {
      timeout,
      ...(insecure && { execute: [client.allowInsecureRequests] }),
    })
    .catch((error: unknown) => {
      context.discovered = null;
      throw failure(error, 'discovery');
    });
  return context.discovered;
}

/** A configuration whose clock is the injected one (the discovered metadata and JWKS are reused). */
async function configurationAt(context: OidcContext, now: number): Promise<client.Configuration> {
  const { options, timeout, insecure } = context;
  const base = await configuration(context);
  const config = new client.Configuration(base.serverMetadata(), options.clientId, {
    client_secret: options.clientSecret,
    [client.clockSkew]: Math.round((now - Date.now()) / 1000),
  });
  config.timeout = timeout;
  if (insecure) client.allowInsecureRequests(config);
  const jwks = client.getJwksCache(base);
  if (jwks) client.setJwksCache(config, jwks);
  return config;
}

/** The verifier of ID tokens apps obtained themselves; a failed setup is forgotten and retried. */
function idTokenVerifier(context: OidcContext): Promise<IdTokenVerifier> {
  context.verifier ??= configuration(context).then((config) => {
    const { issuer: expected, jwks_uri: jwksUri } = config.serverMetadata();
    if (!jwksUri) throw socialError('provider_error');
    return createIdTokenVerifier({
      issuer: expected,
      jwksUri,
      clientId: context.options.clientId,
      timeoutMs: context.timeout * 1000,
    });
  });
  context.verifier.catch(() => {
    context.verifier = null;
  });
  return context.verifier;
}

/** The identity the claims describe (Microsoft: `xms_edov` vouches for the address too). */
function identityFromClaims(context: OidcContext, subject: string, source: Record<string, unknown>) {
  const email = stringClaim(source.email)?.toLowerCase() ?? null;
  const vouched = [...(context.options.verifiedEmailClaims ?? []), 'email_verified'].some((claim) =>
    trueClaim(source[claim]),
  );
  return {
    subject,
    email,
    emailVerified: email !== null && vouched,
    name: stringClaim(source.name),
    picture: stringClaim(source.picture),
  };
}

/**
 * The claims, completed from the userinfo endpoint when they carry no address (userinfo is read
 * for the subject the ID token names, which openid-client checks); the ID token's claims win.
 */
async function withUserInfo(
  config: client.Configuration,
  accessToken: string,
  claims: Record<string, unknown> & { sub: string },
): Promise<Record<string, unknown>> {
  if (stringClaim(claims.email) !== null || !config.serverMetadata().userinfo_endpoint) return claims;
  try {
    return { ...(await client.fetchUserInfo(config, accessToken, claims.sub)), ...claims };
  } catch (error) {
    throw failure(error, 'userinfo');
  }
}

/** The authorization URL of a login: PKCE S256 challenge, state and nonce. */
async function authorizationUrl(context: OidcContext, request: AuthorizationRequest): Promise<URL> {
  const { options } = context;
  const config = await configuration(context);
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
}

/** Exchanges the callback's code, validates the ID token and reads the identity. */
async function complete(context: OidcContext, callback: AuthorizationCallback): Promise<ProviderIdentity> {
  const config = await configurationAt(context, callback.now);
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
  const source = await withUserInfo(config, tokens.access_token, claims);
  const identity = identityFromClaims(context, claims.sub, source);
  return {
    ...identity,
    name: identity.name ?? appleFormUserName(callback.callbackUrl.searchParams.get('user')),
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    accessTokenExpiresAt:
      tokens.expiresIn() === undefined ? null : callback.now + (tokens.expiresIn() ?? 0) * 1000,
  };
}

/** The identity in an ID token an app obtained itself, verified against the issuer's keys. */
async function identityFromIdToken(
  context: OidcContext,
  idToken: string,
  check: IdTokenCheck,
): Promise<ProviderIdentity> {
  const claims = await (await idTokenVerifier(context))(idToken, check);
  const config = await configurationAt(context, check.now);
  const source = check.accessToken ? await withUserInfo(config, check.accessToken, claims) : claims;
  return {
    ...identityFromClaims(context, claims.sub, source),
    accessToken: check.accessToken,
    refreshToken: null,
    accessTokenExpiresAt: null,
  };
}

/**
 * Creates an OIDC {@link SocialProvider}.
 */
export function createOidcSocialProvider(options: OidcSocialProviderOptions): SocialProvider {
  const issuer = new URL(options.issuer);
  const context: OidcContext = {
    options,
    issuer,
    timeout: options.timeoutSeconds ?? 10,
    insecure: issuer.protocol === 'http:' && isLoopback(issuer),
    discovered: null,
    verifier: null,
  };
  return {
    id: options.id,
    kind: 'oidc',
    authorizationUrl: (request) => authorizationUrl(context, request),
    complete: (callback) => complete(context, callback),
    identityFromIdToken: (idToken, check) => identityFromIdToken(context, idToken, check),
  };
}
