/**
 * Form posts and page reads against a Flowless app in process, the way a browser sends them: a
 * urlencoded body, the page's own `Origin`, and the plain `session_id` cookie
 * (`SESSION_COOKIE_SECURE=false`). The requests themselves are the account pages' browser's.
 */
import { ORIGIN, pageBrowser } from './account-pages.js';
import type { Harness } from './flowless-harness.js';

export { setSessionCookie as sessionCookieOf } from './account-pages.js';

/** The origin the page tests run the app on. */
export const PAGE_ORIGIN = ORIGIN;

/**
 * Settings of the sign-in page suites: the plain cookie, and mail links allowed to land on this
 * server's own pages.
 */
export const PAGE_LINK_ENV = Object.freeze({
  SESSION_COOKIE_SECURE: 'false',
  PUBLIC_URL: PAGE_ORIGIN,
  ALLOWED_REDIRECT_URLS: `https://app.example.test/reset,${PAGE_ORIGIN}/`,
});

/** Options of {@link postForm} and {@link getPage}. */
export interface PageRequestOptions {
  /** The session id sent as `session_id` cookie. */
  session?: string | undefined;
  /** @default PAGE_ORIGIN */
  origin?: string;
}

/** Posts `fields` as a form to `path`. */
export async function postForm(
  h: Harness,
  path: string,
  fields: Record<string, string>,
  options: PageRequestOptions = {},
): Promise<Response> {
  return pageBrowser(h, options.session ?? null).post(path, fields, options.origin ?? PAGE_ORIGIN);
}

/** Reads the page at `path`. */
export async function getPage(h: Harness, path: string, options: PageRequestOptions = {}): Promise<Response> {
  return pageBrowser(h, options.session ?? null).get(path);
}
