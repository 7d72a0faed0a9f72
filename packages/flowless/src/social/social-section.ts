/**
 * @module The social-login variables of the Flowless configuration: the public URL the callbacks
 * live under, one client id and secret per built-in provider, generic OIDC providers as JSON, and
 * what is kept of a provider's tokens. A provider is offered only when its client id and secret
 * are both set.
 */
import {
  type EnvSchema,
  envBoolean,
  envInteger,
  envOptionalString,
  envUrl,
  envVariable,
} from 'flowfull/config';
import { z } from 'zod';

/** One generic OIDC provider of `OIDC_PROVIDERS`. */
export interface OidcProviderSetting {
  /** Route id: `/auth/social/<id>`. */
  readonly id: string;
  /** Issuer identifier; its `/.well-known/openid-configuration` is read on first use. */
  readonly issuer: string;
  readonly client_id: string;
  readonly client_secret: string;
  /** @default ['openid', 'email', 'profile'] */
  readonly scopes: readonly string[];
}

const providerId = z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'id must be 2-32 of a-z, 0-9, "_", "-"');
const oidcProviderList = z.array(
  z.object({
    id: providerId,
    issuer: z.url({ protocol: /^https?$/ }),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    scopes: z.array(z.string().min(1)).default(['openid', 'email', 'profile']),
  }),
);

/** `OIDC_PROVIDERS`: a JSON list of {@link OidcProviderSetting}; empty when not set. */
function envOidcProviders(): EnvSchema<readonly OidcProviderSetting[]> {
  return envOptionalString().transform((value, ctx) => {
    if (value === null) return [];
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON list of {id, issuer, client_id, client_secret, scopes}',
      });
      return z.NEVER;
    }
    const parsed = oidcProviderList.safeParse(json);
    if (!parsed.success) {
      // Only paths and messages: the value holds client secrets.
      const first = parsed.error.issues[0];
      ctx.addIssue({
        code: 'custom',
        message: `invalid at ${first?.path.join('.') ?? ''}: ${first?.message ?? ''}`,
      });
      return z.NEVER;
    }
    return parsed.data;
  }) as EnvSchema<readonly OidcProviderSetting[]>;
}

/**
 * Decodes a 256-bit key given as 64 hex characters or base64(url) of 32 bytes; null when it is not
 * one.
 */
export function decodeAesKey(value: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64url');
  return key.length === 32 ? key : null;
}

/** A 256-bit key (see {@link decodeAesKey}), kept as given; null when not set. */
function envAesKey(): EnvSchema<string | null> {
  return envOptionalString().refine((value) => value === null || decodeAesKey(value) !== null, {
    message: 'must be 32 bytes, as 64 hex characters or base64',
  }) as EnvSchema<string | null>;
}

const secret = (provider: string) =>
  envVariable(
    envOptionalString(),
    undefined,
    `Client secret of ${provider} (with its client id, enables it).`,
    true,
  );
const clientId = (provider: string) =>
  envVariable(envOptionalString(), undefined, `Client id of ${provider} (with its secret, enables it).`);

const baseUrl = (value: string, doc: string) =>
  envVariable(envUrl({ protocols: ['http:', 'https:'], default: value }), value, doc);

/**
 * The social-login variables, spread into the Flowless section.
 */
export const socialSection = {
  PUBLIC_URL: envVariable(
    envUrl({ protocols: ['http:', 'https:'], default: 'http://localhost:3000' }),
    'http://localhost:3000',
    'Public base URL of this auth server; providers redirect to <PUBLIC_URL>/auth/social/<provider>/callback.',
  ),
  SOCIAL_GITHUB_CLIENT_ID: clientId('GitHub'),
  SOCIAL_GITHUB_CLIENT_SECRET: secret('GitHub'),
  SOCIAL_GITHUB_URL: envVariable(
    envUrl({ protocols: ['http:', 'https:'], default: 'https://github.com' }),
    'https://github.com',
    'GitHub web origin (authorize and token endpoints); set for GitHub Enterprise Server.',
  ),
  SOCIAL_GITHUB_API_URL: envVariable(
    envUrl({ protocols: ['http:', 'https:'], default: 'https://api.github.com' }),
    'https://api.github.com',
    'GitHub REST API base (/user, /user/emails); set for GitHub Enterprise Server.',
  ),
  SOCIAL_DISCORD_CLIENT_ID: clientId('Discord'),
  SOCIAL_DISCORD_CLIENT_SECRET: secret('Discord'),
  SOCIAL_DISCORD_URL: baseUrl(
    'https://discord.com',
    'Discord origin (/oauth2/authorize, /api/oauth2/token, /api/users/@me); change only for a proxy.',
  ),
  SOCIAL_FACEBOOK_CLIENT_ID: clientId('Facebook (the app id)'),
  SOCIAL_FACEBOOK_CLIENT_SECRET: secret('Facebook (the app secret)'),
  SOCIAL_FACEBOOK_URL: baseUrl(
    'https://www.facebook.com/v21.0',
    'Facebook Login dialog base, with the Graph API version (<url>/dialog/oauth).',
  ),
  SOCIAL_FACEBOOK_GRAPH_URL: baseUrl(
    'https://graph.facebook.com/v21.0',
    'Facebook Graph API base, with its version (/oauth/access_token, /me, /debug_token).',
  ),
  SOCIAL_GOOGLE_CLIENT_ID: clientId('Google'),
  SOCIAL_GOOGLE_CLIENT_SECRET: secret('Google'),
  SOCIAL_MICROSOFT_CLIENT_ID: clientId('Microsoft'),
  SOCIAL_MICROSOFT_CLIENT_SECRET: secret('Microsoft'),
  SOCIAL_MICROSOFT_TENANT: envVariable(
    envOptionalString(),
    undefined,
    'Microsoft Entra tenant id of the single tenant allowed to sign in (required to enable Microsoft).',
  ),
  SOCIAL_MICROSOFT_AUTHORITY_URL: baseUrl(
    'https://login.microsoftonline.com',
    'Microsoft Entra authority; the issuer is <authority>/<tenant>/v2.0 (national clouds use their own).',
  ),
  SOCIAL_APPLE_CLIENT_ID: clientId('Apple (the Services ID)'),
  SOCIAL_APPLE_CLIENT_SECRET: secret('Apple (the signed client-secret JWT)'),
  SOCIAL_APPLE_ISSUER: baseUrl('https://appleid.apple.com', 'Sign in with Apple issuer (discovery base).'),
  OIDC_PROVIDERS: envVariable(
    envOidcProviders(),
    undefined,
    'JSON list of other OIDC providers: [{"id","issuer","client_id","client_secret","scopes"}].',
    true,
  ),
  SOCIAL_STATE_TTL_MS: envVariable(
    envInteger({ min: 60_000, max: 600_000 }),
    '600000',
    'Longest time between starting a social login and its callback (at most 10 minutes).',
  ),
  SOCIAL_CALLBACK_PARAMS_MODE: envVariable(
    envBoolean(),
    'false',
    'Allow the legacy callback_mode=params, which puts the session id in the redirect URL.',
  ),
  SOCIAL_STORE_PROVIDER_TOKENS: envVariable(
    envBoolean(),
    'false',
    "Keep providers' access and refresh tokens, encrypted with SOCIAL_TOKEN_ENCRYPTION_KEY.",
  ),
  SOCIAL_TOKEN_ENCRYPTION_KEY: envVariable(
    envAesKey(),
    undefined,
    'AES-256-GCM key for stored provider tokens: 32 bytes as hex or base64.',
    true,
  ),
} as const;
