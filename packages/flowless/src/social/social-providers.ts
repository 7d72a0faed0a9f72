/**
 * @module The configured social providers: GitHub and Discord (arctic), Facebook (openid-client
 * with hand-given endpoints), the OIDC presets Google, Microsoft
 * and Apple, and every `OIDC_PROVIDERS` entry (openid-client). A provider exists only when its
 * client id and secret are both set.
 */
import type { FlowlessConfig } from '../config/flowless-config.js';
import { createDiscordSocialProvider } from './discord-social-provider.js';
import { createFacebookSocialProvider } from './facebook-social-provider.js';
import { createGitHubSocialProvider } from './github-social-provider.js';
import { createOidcSocialProvider } from './oidc-social-provider.js';
import { joinUrl } from './provider-api.js';
import type { SocialProvider } from './social-provider.js';

/** Every provider id the Pubflow clients know, configured or not (`all_providers`). */
export const KNOWN_SOCIAL_PROVIDERS: readonly string[] = [
  'google',
  'github',
  'facebook',
  'apple',
  'discord',
  'microsoft',
];

/**
 * The callback URL to register at a provider.
 */
export function socialCallbackUrl(publicUrl: string, provider: string): string {
  return new URL(`/auth/social/${provider}/callback`, publicUrl).toString();
}

type Credentials = readonly [clientId: string, clientSecret: string];

/** The client id and secret, or null unless both are set. */
const both = (id: string | null, secret: string | null): Credentials | null =>
  id && secret ? [id, secret] : null;

/** The plain OAuth 2.0 providers (GitHub, Discord, Facebook) whose credentials are set. */
function oauth2Providers(config: FlowlessConfig): SocialProvider[] {
  const redirectUri = (id: string) => socialCallbackUrl(config.PUBLIC_URL, id);
  const providers: SocialProvider[] = [];
  const github = both(config.SOCIAL_GITHUB_CLIENT_ID, config.SOCIAL_GITHUB_CLIENT_SECRET);
  if (github) {
    providers.push(
      createGitHubSocialProvider({
        clientId: github[0],
        clientSecret: github[1],
        redirectUri: redirectUri('github'),
        webUrl: config.SOCIAL_GITHUB_URL,
        apiUrl: config.SOCIAL_GITHUB_API_URL,
      }),
    );
  }
  const discord = both(config.SOCIAL_DISCORD_CLIENT_ID, config.SOCIAL_DISCORD_CLIENT_SECRET);
  if (discord) {
    providers.push(
      createDiscordSocialProvider({
        clientId: discord[0],
        clientSecret: discord[1],
        redirectUri: redirectUri('discord'),
        url: config.SOCIAL_DISCORD_URL,
      }),
    );
  }
  const facebook = both(config.SOCIAL_FACEBOOK_CLIENT_ID, config.SOCIAL_FACEBOOK_CLIENT_SECRET);
  if (facebook) {
    providers.push(
      createFacebookSocialProvider({
        clientId: facebook[0],
        clientSecret: facebook[1],
        redirectUri: redirectUri('facebook'),
        webUrl: config.SOCIAL_FACEBOOK_URL,
        graphUrl: config.SOCIAL_FACEBOOK_GRAPH_URL,
      }),
    );
  }
  return providers;
}

/** The OIDC presets Google, Microsoft and Apple whose credentials are set. */
function oidcPresetProviders(config: FlowlessConfig): SocialProvider[] {
  const presets = [
    {
      id: 'google',
      credentials: both(config.SOCIAL_GOOGLE_CLIENT_ID, config.SOCIAL_GOOGLE_CLIENT_SECRET),
      issuer: 'https://accounts.google.com',
      scopes: ['openid', 'email', 'profile'],
    },
    {
      id: 'microsoft',
      credentials: config.SOCIAL_MICROSOFT_TENANT
        ? both(config.SOCIAL_MICROSOFT_CLIENT_ID, config.SOCIAL_MICROSOFT_CLIENT_SECRET)
        : null,
      issuer: joinUrl(
        config.SOCIAL_MICROSOFT_AUTHORITY_URL,
        `/${config.SOCIAL_MICROSOFT_TENANT ?? 'none'}/v2.0`,
      ),
      scopes: ['openid', 'email', 'profile'],
      // Entra ID sends no email_verified; xms_edov (an optional claim) says the domain owner verified it.
      verifiedEmailClaims: ['xms_edov'],
    },
    {
      id: 'apple',
      credentials: both(config.SOCIAL_APPLE_CLIENT_ID, config.SOCIAL_APPLE_CLIENT_SECRET),
      issuer: config.SOCIAL_APPLE_ISSUER,
      scopes: ['openid', 'email'],
      // Apple posts the callback when the email scope is asked for.
      authorizationParams: { response_mode: 'form_post' },
    },
  ];
  return presets.flatMap(({ id, credentials, ...preset }) =>
    credentials
      ? [
          createOidcSocialProvider({
            id,
            clientId: credentials[0],
            clientSecret: credentials[1],
            redirectUri: socialCallbackUrl(config.PUBLIC_URL, id),
            ...preset,
          }),
        ]
      : [],
  );
}

/**
 * Builds the configured providers, keyed by id (the configuration refuses OIDC_PROVIDERS ids that
 * repeat or name a built-in provider).
 */
export function createSocialProviders(config: FlowlessConfig): ReadonlyMap<string, SocialProvider> {
  const providers = new Map<string, SocialProvider>();
  for (const provider of [...oauth2Providers(config), ...oidcPresetProviders(config)]) {
    providers.set(provider.id, provider);
  }
  for (const entry of config.OIDC_PROVIDERS) {
    if (providers.has(entry.id)) continue;
    providers.set(
      entry.id,
      createOidcSocialProvider({
        id: entry.id,
        issuer: entry.issuer,
        clientId: entry.client_id,
        clientSecret: entry.client_secret,
        scopes: entry.scopes,
        redirectUri: socialCallbackUrl(config.PUBLIC_URL, entry.id),
      }),
    );
  }
  return providers;
}
