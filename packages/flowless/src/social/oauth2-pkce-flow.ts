/**
 * @module The authorization code flow of the plain OAuth 2.0 providers that authenticate the
 * client with HTTP Basic (GitHub, Discord), through arctic's `OAuth2Client`: the authorization URL
 * with the state and a PKCE S256 challenge, then the code exchange with the PKCE verifier; what the
 * callback or arctic reports becomes a social failure.
 */
import {
  ArcticFetchError,
  CodeChallengeMethod,
  OAuth2Client,
  OAuth2RequestError,
  UnexpectedErrorResponseBodyError,
  UnexpectedResponseError,
} from 'arctic';
import { z } from 'zod';
import { socialError } from './social-errors.js';
import type { AuthorizationCallback, AuthorizationRequest } from './social-provider.js';

/** The tokens a code was exchanged for. */
export interface ExchangedTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** Access-token expiry in ms, or null when the provider gave none. */
  readonly expiresAt: number | null;
}

const tokenErrorSchema = z.object({ error: z.string() });
const REJECTED = new Set(['invalid_grant', 'bad_verification_code', 'incorrect_client_credentials']);

/** Options of {@link createOAuth2PkceFlow}. */
export interface OAuth2PkceFlowOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly scopes: readonly string[];
}

/** One provider's authorization code flow. */
export interface OAuth2PkceFlow {
  /** The provider's authorization URL for this login (state and PKCE S256 challenge). */
  authorizationUrl(request: AuthorizationRequest): Promise<URL>;
  /**
   * Exchanges the callback's code with the PKCE verifier.
   * @throws FlowlessError `cancelled`, `code_rejected`, `provider_unavailable`, `provider_error`
   */
  exchange(callback: AuthorizationCallback): Promise<ExchangedTokens>;
}

/**
 * Creates the authorization code flow of a plain OAuth 2.0 provider.
 *
 * @example
 * ```ts
 * const flow = createOAuth2PkceFlow({ clientId, clientSecret, redirectUri, authorizationEndpoint, tokenEndpoint, scopes });
 * const tokens = await flow.exchange(callback);
 * ```
 */
export function createOAuth2PkceFlow(options: OAuth2PkceFlowOptions): OAuth2PkceFlow {
  const oauth = new OAuth2Client(options.clientId, options.clientSecret, options.redirectUri);
  return {
    async authorizationUrl(request) {
      return oauth.createAuthorizationURLWithPKCE(
        options.authorizationEndpoint,
        request.state,
        CodeChallengeMethod.S256,
        request.codeVerifier,
        [...options.scopes],
      );
    },
    async exchange(callback) {
      const code = callbackCode(callback.callbackUrl);
      return exchangeCode(oauth, options.tokenEndpoint, code, callback.codeVerifier);
    },
  };
}

/** The callback's `code`, or the failure the provider reported instead (`access_denied`: `cancelled`). */
function callbackCode(callbackUrl: URL): string {
  const params = callbackUrl.searchParams;
  const denied = params.get('error');
  if (denied) throw socialError(denied === 'access_denied' ? 'cancelled' : 'provider_error');
  const code = params.get('code');
  if (!code) throw socialError('provider_error');
  return code;
}

/** Exchanges an authorization code and its PKCE verifier at `tokenEndpoint`. */
async function exchangeCode(
  oauth: OAuth2Client,
  tokenEndpoint: string,
  code: string,
  codeVerifier: string,
): Promise<ExchangedTokens> {
  try {
    const tokens = await oauth.validateAuthorizationCode(tokenEndpoint, code, codeVerifier);
    // GitHub answers a refused code with 200 and an `error` member.
    const refused = tokenErrorSchema.safeParse(tokens.data);
    if (refused.success) throw new OAuth2RequestError(refused.data.error, null, null, null);
    return {
      accessToken: tokens.accessToken(),
      refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : null,
      expiresAt: 'expires_in' in tokens.data ? tokens.accessTokenExpiresAt().getTime() : null,
    };
  } catch (error) {
    if (error instanceof OAuth2RequestError) {
      throw socialError(REJECTED.has(error.code) ? 'code_rejected' : 'provider_error', error);
    }
    if (error instanceof ArcticFetchError) throw socialError('provider_unavailable', error);
    if (error instanceof UnexpectedResponseError || error instanceof UnexpectedErrorResponseBodyError) {
      throw socialError(error.status >= 500 ? 'provider_unavailable' : 'provider_error', error);
    }
    throw socialError('provider_error', error);
  }
}
