/**
 * @module GitHub (plain OAuth 2.0, no ID token) through arctic's `OAuth2Client`: authorization
 * code flow with PKCE S256, then the REST API for the user and the **primary** address, which
 * counts as verified only when GitHub says so. arctic's `GitHub` class is not used because it
 * sends no PKCE challenge and hard-codes github.com, which rules out GitHub Enterprise Server.
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
import type { ProviderIdentity, SocialProvider } from './social-provider.js';

/** Options of {@link createGitHubSocialProvider}. */
export interface GitHubSocialProviderOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** Web origin: `<webUrl>/login/oauth/authorize` and `/login/oauth/access_token`. @default 'https://github.com' */
  readonly webUrl?: string;
  /** REST API base: `<apiUrl>/user` and `/user/emails`. @default 'https://api.github.com' */
  readonly apiUrl?: string;
  /** ms before an API request gives up. @default 10_000 */
  readonly timeoutMs?: number;
}

const userSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string().nullable().optional(),
  avatar_url: z.string().nullable().optional(),
});
const emailsSchema = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));
const tokenErrorSchema = z.object({ error: z.string() });

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/**
 * Creates the GitHub {@link SocialProvider}.
 */
export function createGitHubSocialProvider(options: GitHubSocialProviderOptions): SocialProvider {
  const webUrl = options.webUrl ?? 'https://github.com';
  const apiUrl = options.apiUrl ?? 'https://api.github.com';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const oauth = new OAuth2Client(options.clientId, options.clientSecret, options.redirectUri);

  const api = async <T>(path: string, accessToken: string, schema: z.ZodType<T>): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(join(apiUrl, path), {
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/vnd.github+json',
          'user-agent': 'flowless',
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw socialError('provider_unavailable', error);
    }
    if (response.status >= 500) throw socialError('provider_unavailable');
    if (!response.ok) throw socialError('provider_error');
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw socialError('provider_error', parsed.error);
    return parsed.data;
  };

  const identity = async (
    accessToken: string,
    refreshToken: string | null,
    expiresAt: number | null,
  ): Promise<ProviderIdentity> => {
    const user = await api('/user', accessToken, userSchema);
    const emails = await api('/user/emails', accessToken, emailsSchema);
    const primary = emails.find((entry) => entry.primary) ?? null;
    return {
      subject: String(user.id),
      email: primary ? primary.email.toLowerCase() : null,
      emailVerified: primary?.verified === true,
      name: user.name ?? user.login,
      picture: user.avatar_url ?? null,
      accessToken,
      refreshToken,
      accessTokenExpiresAt: expiresAt,
    };
  };

  return {
    id: 'github',
    kind: 'oauth2',
    async authorizationUrl(request) {
      return oauth.createAuthorizationURLWithPKCE(
        join(webUrl, '/login/oauth/authorize'),
        request.state,
        CodeChallengeMethod.S256,
        request.codeVerifier,
        ['read:user', 'user:email'],
      );
    },
    async complete(callback): Promise<ProviderIdentity> {
      const params = callback.callbackUrl.searchParams;
      const denied = params.get('error');
      if (denied) throw socialError(denied === 'access_denied' ? 'cancelled' : 'provider_error');
      const code = params.get('code');
      if (!code) throw socialError('provider_error');
      let accessToken: string;
      let refreshToken: string | null;
      let expiresAt: number | null;
      try {
        const tokens = await oauth.validateAuthorizationCode(
          join(webUrl, '/login/oauth/access_token'),
          code,
          callback.codeVerifier,
        );
        // GitHub answers a refused code with 200 and an `error` member.
        const refused = tokenErrorSchema.safeParse(tokens.data);
        if (refused.success) throw new OAuth2RequestError(refused.data.error, null, null, null);
        accessToken = tokens.accessToken();
        refreshToken = tokens.hasRefreshToken() ? tokens.refreshToken() : null;
        expiresAt = 'expires_in' in tokens.data ? tokens.accessTokenExpiresAt().getTime() : null;
      } catch (error) {
        if (error instanceof OAuth2RequestError) {
          const rejected = ['invalid_grant', 'bad_verification_code', 'incorrect_client_credentials'];
          throw socialError(rejected.includes(error.code) ? 'code_rejected' : 'provider_error', error);
        }
        if (error instanceof ArcticFetchError) throw socialError('provider_unavailable', error);
        if (error instanceof UnexpectedResponseError || error instanceof UnexpectedErrorResponseBodyError) {
          throw socialError(error.status >= 500 ? 'provider_unavailable' : 'provider_error', error);
        }
        throw socialError('provider_error', error);
      }
      return identity(accessToken, refreshToken, expiresAt);
    },
    async identityFromAccessToken(accessToken) {
      // A token issued to another OAuth app must not sign anyone in here (token substitution):
      // GitHub confirms the token belongs to this client id, authenticated by its secret.
      let response: Response;
      try {
        response = await fetch(join(apiUrl, `/applications/${encodeURIComponent(options.clientId)}/token`), {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`,
            accept: 'application/vnd.github+json',
            'content-type': 'application/json',
            'user-agent': 'flowless',
          },
          body: JSON.stringify({ access_token: accessToken }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw socialError('provider_unavailable', error);
      }
      await response.body?.cancel();
      if (response.status >= 500) throw socialError('provider_unavailable');
      if (response.status !== 200) throw socialError('token_rejected');
      return identity(accessToken, null, null);
    },
  };
}
