/**
 * @module Discord (plain OAuth 2.0) through arctic's `OAuth2Client` (`oauth2-pkce-flow.ts`):
 * authorization code flow with PKCE S256 and the `identify email` scopes, then
 * `GET /api/users/@me`, whose `email` counts as verified only when its `verified` flag is true.
 * arctic's `Discord` class is not used because it hard-codes discord.com, which the tests (and a
 * proxy) need to change.
 */
import { z } from 'zod';
import { createOAuth2PkceFlow, type ExchangedTokens } from './oauth2-pkce-flow.js';
import { joinUrl, providerApi } from './provider-api.js';
import { socialError } from './social-errors.js';
import type { ProviderIdentity, SocialProvider } from './social-provider.js';

/** Options of {@link createDiscordSocialProvider}. */
export interface DiscordSocialProviderOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /**
   * Origin: `<url>/oauth2/authorize`, `<url>/api/oauth2/token`, `<url>/api/users/@me`.
   * @default 'https://discord.com'
   */
  readonly url?: string;
  /** ms before an API request gives up. @default 10_000 */
  readonly timeoutMs?: number;
}

const userSchema = z.object({
  id: z.string().regex(/^\d{1,24}$/),
  username: z.string(),
  global_name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  verified: z.boolean().optional(),
});
const authorizationSchema = z.object({ application: z.object({ id: z.string() }) });

/**
 * Creates the Discord {@link SocialProvider}.
 *
 * @example
 * ```ts
 * const discord = createDiscordSocialProvider({ clientId, clientSecret, redirectUri });
 * ```
 */
export function createDiscordSocialProvider(options: DiscordSocialProviderOptions): SocialProvider {
  const url = options.url ?? 'https://discord.com';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const flow = createOAuth2PkceFlow({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
    authorizationEndpoint: joinUrl(url, '/oauth2/authorize'),
    tokenEndpoint: joinUrl(url, '/api/oauth2/token'),
    scopes: ['identify', 'email'],
  });

  const identity = async ({
    accessToken,
    refreshToken,
    expiresAt,
  }: ExchangedTokens): Promise<ProviderIdentity> => {
    const user = await providerApi({
      url: joinUrl(url, '/api/users/@me'),
      accessToken,
      schema: userSchema,
      timeoutMs,
      unauthorizedIsRejection: true,
    });
    const email = user.email ? user.email.toLowerCase() : null;
    return {
      subject: user.id,
      email,
      emailVerified: email !== null && user.verified === true,
      name: user.global_name ?? user.username,
      picture: user.avatar ? `https://cdn.discordapp.com/avatars/${user.id}/${user.avatar}.png` : null,
      accessToken,
      refreshToken,
      accessTokenExpiresAt: expiresAt,
    };
  };

  return {
    id: 'discord',
    kind: 'oauth2',
    authorizationUrl: (request) => flow.authorizationUrl(request),
    complete: async (callback) => identity(await flow.exchange(callback)),
    async identityFromAccessToken(accessToken) {
      // A token another Discord application obtained must not sign anyone in here (token
      // substitution): the current authorization names the application it was granted to.
      const granted = await providerApi({
        url: joinUrl(url, '/api/oauth2/@me'),
        accessToken,
        schema: authorizationSchema,
        timeoutMs,
        unauthorizedIsRejection: true,
      });
      if (granted.application.id !== options.clientId) throw socialError('token_rejected');
      return identity({ accessToken, refreshToken: null, expiresAt: null });
    },
  };
}
