/**
 * @module Facebook Login (plain OAuth 2.0) through openid-client with Facebook's endpoints given
 * by hand: authorization code flow with PKCE S256, the client secret sent in the form body (Facebook
 * does not take HTTP Basic, which arctic's `OAuth2Client` sends; arctic's `Facebook` class sends no
 * PKCE challenge and hard-codes graph.facebook.com), then Graph `GET /me?fields=id,name,email,picture`
 * with an `appsecret_proof`. Graph returns `email` only for an address the user confirmed at
 * Facebook and has no per-address flag, so a returned address counts as verified.
 */
import { createHmac } from 'node:crypto';
import * as client from 'openid-client';
import { z } from 'zod';
import { isLoopback, openidFailure } from './openid-client-failure.js';
import { joinUrl, providerApi } from './provider-api.js';
import { socialError } from './social-errors.js';
import type { AuthorizationCallback, ProviderIdentity, SocialProvider } from './social-provider.js';

/** Options of {@link createFacebookSocialProvider}. */
export interface FacebookSocialProviderOptions {
  /** The Facebook app id. */
  readonly clientId: string;
  /** The Facebook app secret. */
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** Login dialog base: `<webUrl>/dialog/oauth`. @default 'https://www.facebook.com/v21.0' */
  readonly webUrl?: string;
  /** Graph API base: `<graphUrl>/oauth/access_token`, `/me`, `/debug_token`. @default 'https://graph.facebook.com/v21.0' */
  readonly graphUrl?: string;
  /** ms before a request gives up. @default 10_000 */
  readonly timeoutMs?: number;
}

const meSchema = z.object({
  id: z.string().regex(/^\d{1,32}$/),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  picture: z.object({ data: z.object({ url: z.string() }) }).optional(),
});
const debugSchema = z.object({
  data: z.object({
    app_id: z.string().optional(),
    is_valid: z.boolean(),
    user_id: z.string().optional(),
  }),
});

/** What the Facebook provider's requests share. */
interface FacebookContext {
  readonly options: FacebookSocialProviderOptions;
  readonly graphUrl: string;
  readonly timeoutMs: number;
  /** openid-client's view of Facebook: hand-given endpoints, client secret in the form body. */
  readonly config: client.Configuration;
}

/** The user behind an access token, read from Graph `GET /me`. */
async function facebookIdentity(
  context: FacebookContext,
  accessToken: string,
  expiresAt: number | null,
): Promise<ProviderIdentity> {
  const { options, graphUrl, timeoutMs } = context;
  const me = new URL(joinUrl(graphUrl, '/me'));
  me.searchParams.set('fields', 'id,name,email,picture');
  // Proves the call comes from this app's server; Graph refuses it for a token of another app.
  me.searchParams.set(
    'appsecret_proof',
    createHmac('sha256', options.clientSecret).update(accessToken).digest('hex'),
  );
  const user = await providerApi({
    url: me,
    accessToken,
    schema: meSchema,
    timeoutMs,
    unauthorizedIsRejection: true,
  });
  const email = user.email ? user.email.toLowerCase() : null;
  return {
    subject: user.id,
    email,
    emailVerified: email !== null,
    name: user.name ?? null,
    picture: user.picture?.data.url ?? null,
    accessToken,
    refreshToken: null,
    accessTokenExpiresAt: expiresAt,
  };
}

/** Exchanges the callback's code (with the PKCE verifier) and reads the user. */
async function completeFacebook(
  context: FacebookContext,
  callback: AuthorizationCallback,
): Promise<ProviderIdentity> {
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(
      context.config,
      callback.callbackUrl,
      { pkceCodeVerifier: callback.codeVerifier, expectedState: callback.state, idTokenExpected: false },
      { redirect_uri: context.options.redirectUri },
    );
  } catch (error) {
    // Graph answers a used or foreign code with 400 and its own error shape ({error: {message}}).
    const refused =
      error instanceof client.ClientError && error.cause instanceof Response && error.cause.status === 400;
    throw refused ? socialError('code_rejected', error) : openidFailure(error, 'grant');
  }
  const expiresIn = tokens.expiresIn();
  return facebookIdentity(
    context,
    tokens.access_token,
    expiresIn === undefined ? null : callback.now + expiresIn * 1000,
  );
}

/** The user behind a token an app obtained itself, once Graph confirmed it was issued to this app. */
async function facebookIdentityFromAccessToken(
  context: FacebookContext,
  accessToken: string,
): Promise<ProviderIdentity> {
  const { options, graphUrl, timeoutMs } = context;
  // A token Facebook issued to another app must not sign anyone in here (token substitution):
  // debug_token, asked with this app's own token, names the app the token belongs to.
  const debug = new URL(joinUrl(graphUrl, '/debug_token'));
  debug.searchParams.set('input_token', accessToken);
  const { data } = await providerApi({
    url: debug,
    accessToken: `${options.clientId}|${options.clientSecret}`,
    schema: debugSchema,
    timeoutMs,
  });
  if (!data.is_valid || data.app_id !== options.clientId) throw socialError('token_rejected');
  const user = await facebookIdentity(context, accessToken, null);
  if (data.user_id !== undefined && data.user_id !== user.subject) throw socialError('token_rejected');
  return user;
}

/**
 * Creates the Facebook {@link SocialProvider}.
 *
 * @example
 * ```ts
 * const facebook = createFacebookSocialProvider({ clientId: appId, clientSecret: appSecret, redirectUri });
 * ```
 */
export function createFacebookSocialProvider(options: FacebookSocialProviderOptions): SocialProvider {
  const webUrl = options.webUrl ?? 'https://www.facebook.com/v21.0';
  const graphUrl = options.graphUrl ?? 'https://graph.facebook.com/v21.0';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const config = new client.Configuration(
    {
      issuer: webUrl,
      authorization_endpoint: joinUrl(webUrl, '/dialog/oauth'),
      token_endpoint: joinUrl(graphUrl, '/oauth/access_token'),
    },
    options.clientId,
    options.clientSecret,
    client.ClientSecretPost(options.clientSecret),
  );
  config.timeout = Math.ceil(timeoutMs / 1000);
  if (isLoopback(new URL(graphUrl))) client.allowInsecureRequests(config);
  const context: FacebookContext = { options, graphUrl, timeoutMs, config };

  return {
    id: 'facebook',
    kind: 'oauth2',
    async authorizationUrl(request) {
      return client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: 'email public_profile',
        response_type: 'code',
        state: request.state,
        code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
        code_challenge_method: 'S256',
      });
    },
    complete: (callback) => completeFacebook(context, callback),
    identityFromAccessToken: (accessToken) => facebookIdentityFromAccessToken(context, accessToken),
  };
}
