/**
 * @module The demo console at `/`: an HTML page (hono/jsx) for a person signed in at Flowless. The
 * browser's Flowless session cookie (`__Host-session_id`, or `session_id` over http in
 * development) is validated over the bridge like any session, so a logout or ban at Flowless is
 * refused on the next click. Forms post here (origin-checked, then 303 back to `/`) and run the
 * same item functions as the JSON routes. Every page has a nonce CSP and is never cached.
 */
import { readFileSync } from 'node:fs';
import { csrfProtection, optionalAuth } from 'flowfull/middleware';
import { ApiError, pageSecurity } from 'flowfull/server';
import type { Context } from 'hono';
import { flowlessPublicUrl } from '../config.js';
import { itemIdSchema } from '../items/item.js';
import { createItem, deleteOwnItem } from '../items/item-access.js';
import type { RouteContext } from '../routes/starter-env.js';
import { CONSOLE_CSS_PATH } from './console-layout.js';
import { type ConsolePageContext, renderSignedIn, renderSignedOut } from './console-page.js';
import type { ConsoleNotice } from './console-views.js';
import { readItemForm } from './item-form.js';

const CSS = readFileSync(new URL('./console.css', import.meta.url), 'utf8');

// Fixed messages by key: nothing from the query string is echoed into the page.
const DONE: Readonly<Record<string, ConsoleNotice>> = {
  created: { kind: 'success', message: 'Item created.' },
  deleted: { kind: 'success', message: 'Item deleted.' },
};

const SESSION_ENDED: ConsoleNotice = {
  kind: 'error',
  message: 'You are not signed in (or your session has ended). Sign in again to continue.',
};

function doneNotice(c: Context): ConsoleNotice | undefined {
  const key = c.req.query('done');
  return key !== undefined && Object.hasOwn(DONE, key) ? DONE[key] : undefined;
}

/**
 * Registers `GET /`, `POST /console/items`, `POST /console/items/:id/delete` and the stylesheet.
 */
export function registerConsoleRoutes({ app, services }: RouteContext): void {
  const { config, items } = services;
  const page: ConsolePageContext = {
    items,
    flowless: flowlessPublicUrl(config),
    publicUrl: config.PUBLIC_URL,
  };
  // Forms post here, and the sign-out form to Flowless.
  const security = pageSecurity([new URL(page.flowless).origin]);
  // Only the cookie (or a header) signs a page in: a session id in a URL would end up in logs.
  const viewer = optionalAuth({ sessionFromQuery: false });
  // Every form post, with or without a cookie, must come from this origin or a CORS origin.
  const formCheck = csrfProtection({ allowedOrigins: config.CORS_ORIGINS, everyRequest: true });

  app.get(CONSOLE_CSS_PATH, (c) =>
    c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );

  app.get('/', security, viewer, (c) => {
    const session = c.get('user_id') ? c.get('session') : null;
    return session ? renderSignedIn(c, page, session, { notice: doneNotice(c) }) : renderSignedOut(c, page);
  });

  app.post('/console/items', security, formCheck, viewer, async (c) => {
    const userId = c.get('user_id');
    if (!userId) return renderSignedOut(c, page, 401, SESSION_ENDED);
    const form = await readItemForm(c);
    if (!form.ok) {
      const notice: ConsoleNotice = {
        kind: 'error',
        message: 'The item was not created: see the fields below.',
      };
      return renderSignedIn(c, page, c.get('session'), { status: 422, notice, form });
    }
    await createItem(items, userId, form.input);
    return c.redirect('/?done=created', 303);
  });

  app.post('/console/items/:id/delete', security, formCheck, viewer, async (c) => {
    const userId = c.get('user_id');
    if (!userId) return renderSignedOut(c, page, 401, SESSION_ENDED);
    const id = itemIdSchema.safeParse(c.req.param());
    try {
      if (!id.success) throw new ApiError(404, 'ERR_ITEM_NOT_FOUND', 'Item not found');
      await deleteOwnItem(items, id.data.id, userId);
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 403)) throw error;
      const notice: ConsoleNotice = { kind: 'error', message: `Not deleted: ${error.message}.` };
      return renderSignedIn(c, page, c.get('session'), { status: error.status, notice });
    }
    return c.redirect('/?done=deleted', 303);
  });
}
