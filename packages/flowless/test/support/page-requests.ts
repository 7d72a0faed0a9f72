/**
 * Form posts and page reads against a Flowless app in process, the way a browser sends them: a
 * urlencoded body, the page's own `Origin`, and the plain `session_id` cookie
 * (`SESSION_COOKIE_SECURE=false`).
 */
import type { Harness } from './flowless-harness.js';

/** The origin the page tests run the app on. */
export const PAGE_ORIGIN = 'http://flowless.test';

/** Options of {@link postForm} and {@link getPage}. */
export interface PageRequestOptions {
  /** The session id sent as `session_id` cookie. */
  session?: string | undefined;
  /** @default PAGE_ORIGIN */
  origin?: string;
}

/** Posts `fields` as a form to `path`. */
export function postForm(
  h: Harness,
  path: string,
  fields: Record<string, string>,
  options: PageRequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    Origin: options.origin ?? PAGE_ORIGIN,
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (options.session) headers.Cookie = `session_id=${options.session}`;
  return Promise.resolve(
    h.app.request(`${PAGE_ORIGIN}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields) }),
  );
}

/** Reads the page at `path`. */
export function getPage(h: Harness, path: string, options: PageRequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.session) headers.Cookie = `session_id=${options.session}`;
  return Promise.resolve(h.app.request(`${PAGE_ORIGIN}${path}`, { headers }));
}

/** The session id a response sets in its `session_id` cookie, or null. */
export function sessionCookieOf(response: Response): string | null {
  return response.headers.get('set-cookie')?.match(/(?:^|,\s*)session_id=([^;]+)/)?.[1] ?? null;
}
