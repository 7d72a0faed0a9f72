/**
 * @module Social login (see docs/social-login.md): the provider list, the start (302 to the
 * provider, or its URL as
 * JSON), and the callback, which answers by cookie and redirect (default), as JSON
 * (`format=json`), or with the session id in the redirect (`callback_mode=params`, only when
 * `SOCIAL_CALLBACK_PARAMS_MODE` allows it). Failures redirect with `error=<reason>` in cookie mode
 * and are JSON errors otherwise.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { failureOf, socialError } from '../../social/social-errors.js';
import type { SocialLoginServices } from '../../social/social-login-services.js';
import type { SocialProvider } from '../../social/social-provider.js';
import { KNOWN_SOCIAL_PROVIDERS } from '../../social/social-providers.js';
import type { SocialAnswerMode } from '../../social/social-state-store.js';
import { socialRedirectTarget, withOutcome } from './social-redirect.js';
import { callbackQuery, startQuery } from './social-schemas.js';
import { issueSocialSession } from './social-session.js';

/** The cookie binding a started login to the browser that started it. */
export const SOCIAL_BINDING_COOKIE = 'flowless_social';
const COOKIE_PATH = '/auth/social';

/** What the social routes share. */
interface SocialRouteContext {
  readonly services: FlowlessServices;
  readonly social: SocialLoginServices;
  /** Options of the binding cookie. */
  readonly cookie: CookieOptions & { path: string };
}

const routeUrl = (context: SocialRouteContext, path: string) =>
  new URL(path, context.services.config.PUBLIC_URL).toString();

function providerOf(context: SocialRouteContext, c: Context<FlowlessEnv>): SocialProvider {
  const provider = context.social.providers.get(c.req.param('provider') ?? '');
  if (!provider) throw socialError('provider_unknown');
  return provider;
}

/** `GET /auth/social/providers`: the configured providers and every known one. */
function registerProviderListRoute(app: Hono<FlowlessEnv>, context: SocialRouteContext): void {
  const { providers } = context.social;
  app.get('/auth/social/providers', (c) => {
    const configured = [...providers.values()].map((provider) => {
      const login = routeUrl(context, `/auth/social/${provider.id}/login`);
      const start = routeUrl(context, `/auth/social/${provider.id}`);
      return {
        provider: provider.id,
        type: provider.kind,
        enabled: true,
        url: start,
        loginUrl: login,
        login_url: login,
      };
    });
    const all = [...new Set([...KNOWN_SOCIAL_PROVIDERS, ...providers.keys()])].map((id) => ({
      provider: id,
      enabled: providers.has(id),
    }));
    return c.json({ success: true, providers: configured, allProviders: all, all_providers: all });
  });
}

/** Starts a login: keeps its state, binds it to this browser by cookie, returns the provider's URL. */
async function startLogin(context: SocialRouteContext, c: Context<FlowlessEnv>): Promise<{ url: URL }> {
  const { config } = context.services;
  const provider = providerOf(context, c);
  const query = startQuery.safeParse(c.req.query());
  const input = query.success ? query.data : {};
  let mode: SocialAnswerMode = input.format === 'json' ? 'json' : (input.callback_mode ?? 'cookie');
  if (mode === 'params' && !config.SOCIAL_CALLBACK_PARAMS_MODE) mode = 'cookie';
  const started = await context.social.states.start({
    provider: provider.id,
    oidc: provider.kind === 'oidc',
    redirectTo: socialRedirectTarget(config, input.redirect, input.redirect_path),
    mode,
  });
  const url = await provider.authorizationUrl(started);
  setCookie(c, SOCIAL_BINDING_COOKIE, started.binding, {
    ...context.cookie,
    maxAge: Math.floor(config.SOCIAL_STATE_TTL_MS / 1000),
  });
  return { url };
}

/** `GET /auth/social/:provider` (302 to the provider) and `GET /auth/social/:provider/login` (its URL). */
function registerStartRoutes(app: Hono<FlowlessEnv>, context: SocialRouteContext): void {
  const { services } = context;
  app.get('/auth/social/:provider', rateLimit(services, 'login'), async (c) => {
    const { url } = await startLogin(context, c);
    return c.redirect(url.toString(), 302);
  });
  app.get('/auth/social/:provider/login', rateLimit(services, 'login'), async (c) => {
    const { url } = await startLogin(context, c);
    return c.json({
      success: true,
      url: url.toString(),
      login_url: url.toString(),
      loginUrl: url.toString(),
    });
  });
}

/** Finishes a login from the callback's parameters and answers in the mode the start asked for. */
async function finishLogin(
  context: SocialRouteContext,
  c: Context<FlowlessEnv>,
  raw: Record<string, string>,
): Promise<Response> {
  const { services } = context;
  const { states, accounts } = context.social;
  const provider = providerOf(context, c);
  const params = callbackQuery.safeParse(raw);
  const input = params.success ? params.data : {};
  const state = input.state ?? '';
  const pending = await states.peek(state);
  const mode = input.format === 'json' ? 'json' : (pending?.mode ?? 'cookie');
  const target = pending?.redirectTo ?? socialRedirectTarget(services.config, undefined, undefined);
  deleteCookie(c, SOCIAL_BINDING_COOKIE, context.cookie);
  try {
    const login = await states.take(provider.id, state, getCookie(c, SOCIAL_BINDING_COOKIE) ?? null);
    const callbackUrl = new URL(routeUrl(context, `/auth/social/${provider.id}/callback`));
    for (const [key, value] of Object.entries(raw))
      if (key !== 'format') callbackUrl.searchParams.set(key, value);
    const identity = await provider.complete({ ...login, callbackUrl, now: services.clock.now() });
    const signIn = await accounts.signIn(provider.id, identity);
    const { sessionId, pending, body } = await issueSocialSession(c, services, provider.id, signIn);
    if (mode === 'json') return c.json(body);
    const outcome: Record<string, string> = { social_login: 'success', provider: provider.id };
    // The cookie holds a pending session: the front end must ask for the second factor.
    if (pending) outcome.requires_2fa = 'true';
    if (signIn.isNewUser) outcome.is_new_user = 'true';
    if (mode === 'params') outcome.session_id = sessionId;
    return c.redirect(withOutcome(login.redirectTo, outcome), 302);
  } catch (error) {
    if (!(error instanceof FlowlessError)) throw error;
    const reason = failureOf(error);
    services.logger.info(
      { event: 'login.failed', factor: 'social', provider: provider.id, reason },
      'social login failed',
    );
    if (mode === 'json') throw error;
    return c.redirect(
      withOutcome(target, { social_login: 'error', error: reason, provider: provider.id }),
      302,
    );
  }
}

/** `GET` and `POST /auth/social/:provider/callback`. */
function registerCallbackRoutes(app: Hono<FlowlessEnv>, context: SocialRouteContext): void {
  const { services } = context;
  app.get('/auth/social/:provider/callback', rateLimit(services, 'login'), (c) =>
    finishLogin(context, c, c.req.query()),
  );
  // `response_mode=form_post` (Apple): the provider's page posts the same parameters as a form.
  app.post('/auth/social/:provider/callback', rateLimit(services, 'login'), async (c) => {
    const form = await c.req.parseBody().catch(() => ({}));
    const raw: Record<string, string> = {};
    for (const [key, value] of Object.entries(form)) if (typeof value === 'string') raw[key] = value;
    return finishLogin(context, c, raw);
  });
}

/**
 * Registers the provider list, start and callback routes.
 */
export function registerSocialRoutes(
  app: Hono<FlowlessEnv>,
  services: FlowlessServices,
  social: SocialLoginServices,
): void {
  const { config } = services;
  // Apple posts its callback from its own site: the binding cookie must then be SameSite=None.
  const cookie = {
    httpOnly: true,
    secure: config.SESSION_COOKIE_SECURE,
    sameSite: config.SESSION_COOKIE_SECURE ? ('None' as const) : ('Lax' as const),
    path: COOKIE_PATH,
  };
  const context: SocialRouteContext = { services, social, cookie };
  registerProviderListRoute(app, context);
  registerStartRoutes(app, context);
  registerCallbackRoutes(app, context);
}
