/**
 * @module GitHub (plain OAuth 2.0, no ID token) through arctic's `OAuth2Client`
 * (`oauth2-pkce-flow.ts`): authorization code flow with PKCE S256, then the REST API for the user
 * and the **primary** address, which counts as verified only when GitHub says so.
 * arctic's `GitHub` class is not used because it sends no PKCE challenge and hard-codes github.com,
 * which rules out GitHub Enterprise Server.
 */
import { z } from 'zod';
import { createOAuth2PkceFlow, type ExchangedTokens } from './oauth2-pkce-flow.js';
import { joinUrl, providerApi } from './provider-api.js';
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

/**
 * Creates the GitHub {@link SocialProvider}.
 */
export function createGitHubSocialProvider(options: GitHubSocialProviderOptions): SocialProvider {
  const webUrl = options.webUrl ?? 'https://github.com';
  const apiUrl = options.apiUrl ?? 'https://api.github.com';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const flow = createOAuth2PkceFlow({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
    authorizationEndpoint: joinUrl(webUrl, '/login/oauth/authorize'),
    tokenEndpoint: joinUrl(webUrl, '/login/oauth/access_token'),
    scopes: ['read:user', 'user:email'],
  });

  const api = <T>(path: string, accessToken: string, schema: z.ZodType<T>): Promise<T> =>
    providerApi({
      url: joinUrl(apiUrl, path),
      accessToken,
      schema,
      timeoutMs,
      headers: { accept: 'application/vnd.github+json' },
    });

  const identity = async ({
    accessToken,
    refreshToken,
    expiresAt,
  }: ExchangedTokens): Promise<ProviderIdentity> => {
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
    authorizationUrl: (request) => flow.authorizationUrl(request),
    complete: async (callback) => identity(await flow.exchange(callback)),
    async identityFromAccessToken(accessToken) {
      // A token issued to another OAuth app must not sign anyone in here (token substitution):
      // GitHub confirms the token belongs to this client id, authenticated by its secret.
      let response: Response;
      try {
        response = await fetch(
          joinUrl(apiUrl, `/applications/${encodeURIComponent(options.clientId)}/token`),
          {
            method: 'POST',
            headers: {
              authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`,
              accept: 'application/vnd.github+json',
              'content-type': 'application/json',
              'user-agent': 'flowless',
            },
            body: JSON.stringify({ access_token: accessToken }),
            signal: AbortSignal.timeout(timeoutMs),
          },
        );
      } catch (error) {
        throw socialError('provider_unavailable', error);
      }
      await response.body?.cancel();
      if (response.status >= 500) throw socialError('provider_unavailable');
      if (response.status !== 200) throw socialError('token_rejected');
      return identity({ accessToken, refreshToken: null, expiresAt: null });
    },
  };
}
