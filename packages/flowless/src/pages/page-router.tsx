/**
 * @module How hosted pages are registered: each page route gets its nonce and policy, its viewer,
 * and, when it takes a form, the origin check of every form post (with or without a session
 * cookie: a sign-in form is a target too). The router remembers the routes it registered, so the
 * API description can leave the HTML pages out and the tests can find every page.
 */
import { csrfProtection, DEFAULT_SESSION_COOKIES } from 'flowfull/middleware';
import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { FlowlessEnv } from '../http/flowless-env.js';
import type { FlowlessServices } from '../services/flowless-services.js';
import { Layout, type LayoutProps } from './layout.js';
import type { PageAssets } from './page-assets.js';
import { pageSecurity } from './page-security.js';
import { loadViewer } from './page-session.js';

type PageHandler = Handler<FlowlessEnv> | MiddlewareHandler<FlowlessEnv>;

/** What a page passes to {@link PageRouter.render}: the layout's options without the request's own. */
export type PageOptions = Omit<LayoutProps, 'assets' | 'nonce' | 'viewer' | 'children'> & {
  /** @default 200 */
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429;
};

/** Registers hosted pages on the app and renders them. */
export interface PageRouter {
  readonly services: FlowlessServices;
  readonly assets: PageAssets;
  /** A page shown by GET. */
  get(path: string, ...handlers: PageHandler[]): void;
  /** A form target (POST), origin-checked. */
  post(path: string, ...handlers: PageHandler[]): void;
  /** Answers with `body` inside the page frame. */
  render(c: Context<FlowlessEnv>, options: PageOptions, body: Child): Response | Promise<Response>;
}

const registered = new WeakMap<Hono<FlowlessEnv>, Set<string>>();

function routesOf(app: Hono<FlowlessEnv>): Set<string> {
  const routes = registered.get(app) ?? new Set<string>();
  registered.set(app, routes);
  return routes;
}

/**
 * The page and asset routes registered on `app`, as `"get /sign-in"`.
 */
export function pageRoutesOf(app: Hono<FlowlessEnv>): ReadonlySet<string> {
  return routesOf(app);
}

/**
 * Registers a GET route of the pages that needs none of a page's middleware (a static asset).
 */
export function pageAssetRoute(app: Hono<FlowlessEnv>, path: string, handler: Handler<FlowlessEnv>): void {
  routesOf(app).add(`get ${path}`);
  app.get(path, handler);
}

/** The origins a form may post to or be redirected to after a post: the front end and allowed return URLs. */
function formOrigins(services: FlowlessServices): string[] {
  const { config } = services;
  const urls = [config.FRONTEND_URL, ...config.CORS_ORIGINS, ...config.ALLOWED_REDIRECT_URLS];
  const origins = urls.flatMap((url) => {
    try {
      const { origin } = new URL(url);
      return origin.startsWith('http') ? [origin] : [];
    } catch {
      return [];
    }
  });
  return [...new Set(origins)];
}

/**
 * Creates the page router of `app`.
 */
export function createPageRouter(
  app: Hono<FlowlessEnv>,
  services: FlowlessServices,
  assets: PageAssets,
): PageRouter {
  const routes = routesOf(app);
  const origins = formOrigins(services);
  const security = pageSecurity(origins);
  const viewer = loadViewer(services);
  const formCheck = csrfProtection({
    allowedOrigins: [new URL(services.config.FRONTEND_URL).origin, ...services.config.CORS_ORIGINS],
    cookieNames: DEFAULT_SESSION_COOKIES,
    everyRequest: true,
  });
  return {
    services,
    assets,
    get(path, ...handlers) {
      routes.add(`get ${path}`);
      app.get(path, security, viewer, ...(handlers as Handler<FlowlessEnv>[]));
    },
    post(path, ...handlers) {
      routes.add(`post ${path}`);
      app.post(path, security, formCheck, viewer, ...(handlers as Handler<FlowlessEnv>[]));
    },
    render(c, options, body) {
      const { status = 200, ...layout } = options;
      const page = (
        <Layout {...layout} assets={assets} nonce={c.get('cspNonce')} viewer={c.get('viewer')}>
          {body}
        </Layout>
      );
      return c.html(html`<!doctype html>${page}`, status);
    },
  };
}
