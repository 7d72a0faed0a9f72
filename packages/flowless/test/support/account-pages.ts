/**
 * @module Requests to the hosted account pages in the account-page tests: a signed-in browser's
 * GET and form POST (same origin, plain `session_id` cookie), and reading what the page shows.
 */
import type { Harness } from './flowless-harness.js';

/** The origin of the app under test. */
export const ORIGIN = 'http://flowless.test';

/** The browser of one signed-in session. */
export interface PageBrowser {
  /** GET a page; redirects are not followed. */
  get(path: string): Response | Promise<Response>;
  /** POST a form (`URLSearchParams` as urlencoded, `FormData` as multipart) from `origin`. */
  post(path: string, form: Record<string, string> | FormData, origin?: string): Response | Promise<Response>;
}

/**
 * A browser holding session `session` (or none).
 */
export function pageBrowser(h: Harness, session: string | null): PageBrowser {
  const cookie: Record<string, string> = session ? { Cookie: `session_id=${session}` } : {};
  return {
    get: (path) => h.app.request(`${ORIGIN}${path}`, { headers: cookie }),
    post: (path, form, origin = ORIGIN) =>
      h.app.request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: {
          ...cookie,
          Origin: origin,
          ...(form instanceof FormData ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        body: form instanceof FormData ? form : new URLSearchParams(form),
      }),
  };
}

/** The text of the field error tied to input `name`, or null. */
export function fieldError(html: string, name: string): string | null {
  const match = html.match(new RegExp(`<p class="field-error" id="field-${name}-error">([^<]*)</p>`));
  return match?.[1] ?? null;
}

/** The session id a response set as its `session_id` cookie, or null. */
export function setSessionCookie(response: Response): string | null {
  return response.headers.get('set-cookie')?.match(/(?:^|,\s*)session_id=([^;]+)/)?.[1] ?? null;
}
