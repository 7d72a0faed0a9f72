/**
 * @module The authorization-code exchange of the plain OAuth 2.0 providers that authenticate the
 * client with HTTP Basic (GitHub, Discord), through arctic's `OAuth2Client`, with the PKCE
 * verifier; what arctic throws becomes a social failure.
 */
import {
  ArcticFetchError,
  type OAuth2Client,
  OAuth2RequestError,
  UnexpectedErrorResponseBodyError,
  UnexpectedResponseError,
} from 'arctic';
import { z } from 'zod';
import { socialError } from './social-errors.js';

/** The tokens a code was exchanged for. */
export interface ExchangedTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** Access-token expiry in ms, or null when the provider gave none. */
  readonly expiresAt: number | null;
}

const tokenErrorSchema = z.object({ error: z.string() });
const REJECTED = new Set(['invalid_grant', 'bad_verification_code', 'incorrect_client_credentials']);

/**
 * The callback's `code`, or the failure the provider reported instead (`access_denied`: `cancelled`).
 *
 * @example
 * ```ts
 * const code = callbackCode(callback.callbackUrl);
 * ```
 */
export function callbackCode(callbackUrl: URL): string {
  const params = callbackUrl.searchParams;
  const denied = params.get('error');
  if (denied) throw socialError(denied === 'access_denied' ? 'cancelled' : 'provider_error');
  const code = params.get('code');
  if (!code) throw socialError('provider_error');
  return code;
}

/**
 * Exchanges an authorization code and its PKCE verifier at `tokenEndpoint`.
 *
 * @example
 * ```ts
 * const tokens = await exchangeCode(oauth, 'https://discord.com/api/oauth2/token', code, verifier);
 * ```
 */
export async function exchangeCode(
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
