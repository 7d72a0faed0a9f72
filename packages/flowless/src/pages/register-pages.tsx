/**
 * @module The hosted pages of Flowless: sign-in and sign-up (auth/), the account page (account/)
 * and the admin dashboard (admin/), with their assets, `/` and sign-out.
 */
import type { Hono } from 'hono';
import type { FlowlessEnv } from '../http/flowless-env.js';
import { clearSessionCookie } from '../http/session-cookie.js';
import { sessionIdFrom } from '../http/session-id.js';
import type { FlowlessServices } from '../services/flowless-services.js';
import { registerAccountPages } from './account/account-pages.js';
import { registerAdminPages } from './admin/admin-pages.js';
import { registerAuthPages } from './auth/auth-pages.js';
import { loadPageAssets, registerPageAssets } from './page-assets.js';
import { createPageRouter, type PageRouter } from './page-router.js';

function registerHomeAndSignOut(pages: PageRouter): void {
  const { sessions, config } = pages.services;
  pages.get('/', (c) => c.redirect(c.get('viewer') ? '/account' : '/sign-in', 303));
  pages.post('/sign-out', async (c) => {
    // Any session the browser holds ends, a half-signed-in one (second factor pending) too.
    const id = sessionIdFrom(c, { allowQuery: false });
    if (id) await sessions.revoke(id);
    clearSessionCookie(c, config.SESSION_COOKIE_SECURE);
    return c.redirect('/sign-in', 303);
  });
}

/**
 * Registers every hosted page and its assets.
 *
 * @example
 * ```ts
 * registerPages(app, services);
 * ```
 */
export function registerPages(app: Hono<FlowlessEnv>, services: FlowlessServices): PageRouter {
  const assets = loadPageAssets();
  registerPageAssets(app, assets);
  const pages = createPageRouter(app, services, assets);
  registerHomeAndSignOut(pages);
  registerAuthPages(pages);
  registerAccountPages(pages);
  registerAdminPages(pages);
  return pages;
}
