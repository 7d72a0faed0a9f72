/**
 * @module Who is looking at a hosted page: the browser's session cookie, validated like every
 * other session (a logout, ban or expiry anywhere ends it here too). A page that needs a person
 * sends the browser to sign in and back; an admin page refuses everyone else with 403.
 */
import { isAdminUserType } from 'flowfull/middleware';
import type { Context, MiddlewareHandler } from 'hono';
import type { FlowlessEnv } from '../http/flowless-env.js';
import { sessionIdFrom } from '../http/session-id.js';
import type { FlowlessServices } from '../services/flowless-services.js';

/**
 * Sets `viewer` to the signed-in session (second factor done), or `null`.
 */
export function loadViewer(services: FlowlessServices): MiddlewareHandler<FlowlessEnv> {
  return async function loadViewerMiddleware(c, next) {
    const id = sessionIdFrom(c, { allowQuery: false });
    const result = id ? await services.sessions.validate(id) : null;
    c.set('viewer', result?.ok && !result.session.pending ? result.session : null);
    if (result?.ok && id) c.set('sessionId', id);
    await next();
  };
}

/** `/sign-in?redirect=<this page>`: where a signed-out visitor of `c`'s page is sent. */
export function signInPathFor(c: Context<FlowlessEnv>): string {
  const url = new URL(c.req.url);
  return `/sign-in?redirect=${encodeURIComponent(url.pathname + url.search)}`;
}

/**
 * Lets signed-in visitors through; sends others to sign in and come back.
 */
export function requireViewer(): MiddlewareHandler<FlowlessEnv> {
  return async function requireViewerMiddleware(c, next) {
    if (!c.get('viewer')) return c.redirect(signInPathFor(c), 303);
    await next();
    return undefined;
  };
}

/** True when the page's viewer is an admin or superadmin. */
export function viewerIsAdmin(c: Context<FlowlessEnv>): boolean {
  const viewer = c.get('viewer');
  return viewer !== null && isAdminUserType(viewer.user.userType);
}
