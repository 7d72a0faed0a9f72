/**
 * @module OpenAPI descriptions of the social-login routes.
 */
import type { OpenApiRegistry } from 'flowfull/server';
import { acceptedBody } from '../../http/accepted-body.js';
import { loginApiBody } from './social-login-api-route.js';
import { callbackQuery, providerParams, startQuery } from './social-schemas.js';

const tags = ['social'];
const unknown = {
  404: { description: 'Unknown or unconfigured provider (ERR_FLOWLESS_SOCIAL_PROVIDER_UNKNOWN)' },
};
const limited = { 429: { description: 'Too many requests' } };
const unavailable = {
  503: { description: 'Provider discovery failed (ERR_FLOWLESS_SOCIAL_PROVIDER_UNAVAILABLE)' },
};
const callbackResponses = {
  200: { description: 'format=json: login result with loginType social_auth, provider, is_new_user' },
  302: {
    description:
      'Cookie mode: session cookie set, redirect with social_login=success (or social_login=error&error=<reason>)',
  },
  400: {
    description:
      'JSON mode: state invalid, mismatched or expired; cancelled; code rejected; ID token invalid',
  },
  403: { description: 'JSON mode: provider email not verified, or account disabled' },
  409: { description: 'JSON mode: an unverified local account holds the address' },
  502: { description: 'JSON mode: provider error' },
  503: { description: 'JSON mode: provider unreachable' },
  ...unknown,
  ...limited,
};

/**
 * Describes the social-login routes.
 */
export function describeSocialRoutes(openapi: OpenApiRegistry): void {
  openapi
    .add({
      method: 'get',
      path: '/auth/social/providers',
      summary: 'Configured providers and their start URLs',
      tags,
      responses: { 200: { description: 'providers, all_providers' } },
    })
    .add({
      method: 'get',
      path: '/auth/social/accounts',
      summary: "The signed-in user's linked provider accounts",
      tags,
      responses: {
        200: { description: 'accounts: provider, provider_user_id, email, linked_at' },
        401: { description: 'Invalid session' },
      },
    })
    .add({
      method: 'delete',
      path: '/auth/social/accounts/:provider',
      summary: 'Unlink a provider (refused when it is the last way to sign in)',
      tags,
      params: providerParams,
      responses: {
        200: { description: 'Unlinked' },
        401: { description: 'Invalid session' },
        404: { description: 'Not linked' },
        409: { description: 'Last way to sign in (ERR_FLOWLESS_SOCIAL_LAST_LOGIN_METHOD)' },
        ...limited,
      },
    })
    .add({
      method: 'get',
      path: '/auth/social/:provider',
      summary: 'Start a login: 302 to the provider (PKCE S256, single-use state bound to this browser)',
      tags,
      params: providerParams,
      query: startQuery,
      responses: { 302: { description: 'To the provider' }, ...unknown, ...unavailable, ...limited },
    })
    .add({
      method: 'get',
      path: '/auth/social/:provider/login',
      summary: 'Start a login and answer the provider URL as JSON',
      tags,
      params: providerParams,
      query: startQuery,
      responses: { 200: { description: 'url, login_url' }, ...unknown, ...unavailable, ...limited },
    })
    .add({
      method: 'get',
      path: '/auth/social/:provider/callback',
      summary: 'The redirect URI registered at the provider',
      tags,
      params: providerParams,
      query: callbackQuery,
      responses: callbackResponses,
    })
    .add({
      method: 'post',
      path: '/auth/social/:provider/login-api',
      summary:
        'Sign in with what an app obtained from the provider: an access token issued to this client (GitHub, Discord, Facebook) or an OIDC ID token whose audience is this client',
      tags,
      params: providerParams,
      body: acceptedBody(loginApiBody),
      responses: {
        200: { description: 'Login result with loginType social_auth, provider, is_new_user' },
        400: {
          description:
            'Invalid body; an access token for an OIDC provider; an invalid ID token (ERR_FLOWLESS_SOCIAL_ID_TOKEN_INVALID)',
        },
        401: { description: 'Token not issued to this client (ERR_FLOWLESS_SOCIAL_TOKEN_REJECTED)' },
        403: { description: 'Email not verified, or account disabled' },
        409: { description: 'An unverified local account holds the address' },
        ...unknown,
        ...limited,
      },
    })
    .add({
      method: 'post',
      path: '/auth/social/:provider/callback',
      summary: 'The redirect URI for response_mode=form_post (Apple): the same parameters as a form',
      tags,
      params: providerParams,
      responses: callbackResponses,
    });
}
