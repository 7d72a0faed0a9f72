/**
 * @module Renders the console page in its frame, signed in or out; the signed-in page lists the
 * person's own items through the repository query the Bridge list route runs
 * (`GET /bridge/items?owner_id:eq=<me>`, newest first).
 */
import type { BridgeSession } from 'flowfull/bridge';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { presentItem } from '../items/item.js';
import type { ItemRepository } from '../items/item-repository.js';
import { ConsoleLayout } from './console-layout.js';
import { type ConsoleNotice, SignedInView, type SignedInViewProps, SignedOutView } from './console-views.js';

/** Statuses the console answers with. */
export type ConsoleStatus = 200 | 401 | 403 | 404 | 422;

/** Most items the page lists. */
export const CONSOLE_LIST_LIMIT = 50;

/** What the console pages need besides the request. */
export interface ConsolePageContext {
  readonly items: ItemRepository;
  /** Base URL of Flowless's hosted pages. */
  readonly flowless: string;
  /** The console's own public URL (`PUBLIC_URL`), or `null` to take the request's origin. */
  readonly publicUrl: string | null;
}

function render(
  c: Context,
  page: ConsolePageContext,
  options: { title: string; status: ConsoleStatus; signedIn: boolean },
  body: Child,
): Response | Promise<Response> {
  const frame = (
    <ConsoleLayout
      title={options.title}
      nonce={c.get('cspNonce')}
      flowless={page.flowless}
      signedIn={options.signedIn}
    >
      {body}
    </ConsoleLayout>
  );
  return c.html(html`<!doctype html>${frame}`, options.status);
}

/**
 * `<Flowless>/sign-in?redirect=<this console>`: Flowless sends the browser back here once signed in.
 */
export function signInUrl(c: Context, page: ConsolePageContext): string {
  const origin = new URL(page.publicUrl ?? c.req.url).origin;
  return `${page.flowless}/sign-in?redirect=${encodeURIComponent(`${origin}/`)}`;
}

/**
 * The signed-out page (status 401 when a form was posted without a valid session).
 */
export function renderSignedOut(
  c: Context,
  page: ConsolePageContext,
  status: 200 | 401 = 200,
  notice?: ConsoleNotice,
): Response | Promise<Response> {
  const body = <SignedOutView signInUrl={signInUrl(c, page)} notice={notice} />;
  return render(c, page, { title: 'Console', status, signedIn: false }, body);
}

/**
 * The signed-in page of `session`'s user, with their newest items.
 */
export async function renderSignedIn(
  c: Context,
  page: ConsolePageContext,
  session: BridgeSession,
  extra: Pick<SignedInViewProps, 'notice' | 'form'> & { status?: ConsoleStatus } = {},
): Promise<Response> {
  const userId = session.user_id;
  const result = await page.items.page(userId, {
    page: 1,
    limit: CONSOLE_LIST_LIMIT,
    orderBy: 'created_at',
    orderDir: 'desc',
    q: null,
    filters: [{ field: 'owner_id', op: 'eq', value: userId }],
  });
  const body = (
    <SignedInView
      who={session.email ?? session.name ?? userId}
      userType={session.user_type}
      items={result.rows.map(presentItem)}
      total={result.total}
      notice={extra.notice}
      form={extra.form}
    />
  );
  return render(c, page, { title: 'Your items', status: extra.status ?? 200, signedIn: true }, body);
}
