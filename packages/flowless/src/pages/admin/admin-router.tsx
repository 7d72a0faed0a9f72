/**
 * @module The admin pages' own router: every page and form target under `/admin` passes the role
 * check on the server before its handler runs, GET and POST alike, so no admin route can be
 * registered without it. A signed-out visitor is sent to sign in and back (to the dashboard, from a
 * form target); a signed-in person who is not an admin or superadmin gets a 403 page, and the
 * attempt is recorded (`admin.access_denied`). Form targets take the per-IP `default` limit.
 */
import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit } from '../../http/middleware.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { SessionRecord } from '../../sessions/session-record.js';
import { renderErrorPage } from '../error-page.js';
import type { PageOptions, PageRouter } from '../page-router.js';
import { signInPathFor, viewerIsAdmin } from '../page-session.js';
import { recordAdminDenial } from './admin-audit.js';
import { AdminNav, type AdminSection } from './admin-nav.js';

/** A handler of an admin page: the request and the admin looking at it. */
export type AdminHandler = (c: Context<FlowlessEnv>, admin: SessionRecord) => Response | Promise<Response>;

/** Registers admin pages (paths are absolute, under `/admin`). */
export interface AdminRouter {
  readonly services: FlowlessServices;
  get(path: string, handler: AdminHandler): void;
  post(path: string, handler: AdminHandler): void;
  /** Renders an admin page: the page frame, the admin navigation and `body`. */
  render(
    c: Context<FlowlessEnv>,
    options: PageOptions & { section: AdminSection },
    body: Child,
  ): Response | Promise<Response>;
}

const SIGN_IN_TO_ADMIN = `/sign-in?redirect=${encodeURIComponent('/admin')}`;

function requireAdminViewer(pages: PageRouter): MiddlewareHandler<FlowlessEnv> {
  return async function requireAdminViewerMiddleware(c, next) {
    // A form target cannot be opened by GET: after signing in, the browser comes back to /admin.
    if (!c.get('viewer'))
      return c.redirect(c.req.method === 'GET' ? signInPathFor(c) : SIGN_IN_TO_ADMIN, 303);
    const viewer = c.get('viewer');
    if (viewer && !viewerIsAdmin(c)) {
      await recordAdminDenial(pages.services, c, viewer, 'not_admin');
      return renderErrorPage(pages, c, {
        status: 403,
        title: 'Not allowed',
        message: 'The admin dashboard is for admins. Your account cannot open this page.',
      });
    }
    await next();
    return undefined;
  };
}

function run(handler: AdminHandler): Handler<FlowlessEnv> {
  return (c) => {
    const viewer = c.get('viewer');
    // requireAdminViewer ran first: the viewer is an admin here.
    if (!viewer) throw new Error('admin handler reached without a viewer');
    return handler(c, viewer);
  };
}

/**
 * Wraps the page router so every admin route checks the role first.
 */
export function createAdminRouter(pages: PageRouter): AdminRouter {
  const guard = requireAdminViewer(pages);
  // Form targets take the per-IP `default` limit, as the JSON admin routes do.
  const limit = rateLimit(pages.services, 'default');
  return {
    services: pages.services,
    get: (path, handler) => pages.get(path, guard, run(handler)),
    post: (path, handler) => pages.post(path, limit, guard, run(handler)),
    render(c, { section, ...options }, body) {
      return pages.render(
        c,
        options,
        <>
          <AdminNav current={section} />
          {body}
        </>,
      );
    },
  };
}
