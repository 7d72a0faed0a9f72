/**
 * @module The social-provider port: how a login starts (the authorization URL) and how its
 * callback turns into a provider identity. OIDC providers implement it with openid-client, plain
 * OAuth 2.0 providers with arctic; routes only see this interface.
 */
import type { IdTokenCheck } from './id-token-verifier.js';

/** What a started login carries to the provider. */
export interface AuthorizationRequest {
  readonly state: string;
  /** PKCE verifier; the provider gets its S256 challenge. */
  readonly codeVerifier: string;
  /** OIDC only: the nonce the ID token must carry. */
  readonly nonce: string | null;
}

/** The callback of a login, and what was sent when it started. */
export interface AuthorizationCallback extends AuthorizationRequest {
  /** The full callback URL as the browser requested it (code, state, iss…). */
  readonly callbackUrl: URL;
  /** Current time in ms (ID token expiry is checked against it). */
  readonly now: number;
}

/** Who the provider says signed in. */
export interface ProviderIdentity {
  /** Stable user id at the provider (`sub`, GitHub's numeric id). */
  readonly subject: string;
  /** Lowercased address, or null when the provider gave none. */
  readonly email: string | null;
  /** True only when the provider vouches for the address. */
  readonly emailVerified: boolean;
  readonly name: string | null;
  readonly picture: string | null;
  /** null when the login came with an ID token only (`login-api`). */
  readonly accessToken: string | null;
  readonly refreshToken: string | null;
  /** Access-token expiry in ms, or null. */
  readonly accessTokenExpiresAt: number | null;
}

/** One configured provider. */
export interface SocialProvider {
  /** Route id (`github`, `google`, an `OIDC_PROVIDERS` id). */
  readonly id: string;
  /** `oidc` (ID token and nonce) or `oauth2`. */
  readonly kind: 'oidc' | 'oauth2';
  /** The provider's authorization URL for this login. @throws FlowlessError provider_unavailable */
  authorizationUrl(request: AuthorizationRequest): Promise<URL>;
  /**
   * Exchanges the code (with the PKCE verifier), validates the ID token, reads the identity.
   * @throws FlowlessError with a social failure (`cancelled`, `code_rejected`, `id_token_invalid`…)
   */
  complete(callback: AuthorizationCallback): Promise<ProviderIdentity>;
  /**
   * The identity behind an access token an app obtained itself (`login-api`), after the provider
   * confirmed the token was issued to this client; absent when the provider cannot confirm it.
   * @throws FlowlessError `token_rejected`, `provider_unavailable`…
   */
  identityFromAccessToken?(accessToken: string): Promise<ProviderIdentity>;
  /**
   * OIDC only: the identity in an ID token an app obtained itself (`login-api`), verified against
   * the issuer's keys with this client id as audience.
   * @throws FlowlessError `id_token_invalid`, `provider_unavailable`
   */
  identityFromIdToken?(idToken: string, check: IdTokenCheck): Promise<ProviderIdentity>;
}
