/**
 * @module Where the session id of a request is read from, in the contract's order: header
 * `X-Session-ID`, query `session_id`, cookie `__Host-session_id` (or the legacy `session_id`,
 * `sessionId`), then `Authorization: Bearer`.
 */

import { DEFAULT_SESSION_COOKIES } from 'flowfull/middleware';
import { readHeader } from 'flowfull/server';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/**
 * Name of the session cookie Flowless sets: `__Host-session_id` (the browser then refuses it
 * unless Secure, Path=/ and host-only, so a sibling subdomain cannot plant or shadow it), or the
 * contract's plain `session_id` when the cookie is not Secure (development over http).
 *
 * @example
 * ```ts
 * sessionCookieName(config.SESSION_COOKIE_SECURE); // '__Host-session_id'
 * ```
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-session_id' : 'session_id';
}

const usable = (value: string | undefined | null): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 512;

/**
 * The session id sent with a request, or `null`.
 */
export function sessionIdFrom(c: Context, options: { allowQuery: boolean }): string | null {
  const header = readHeader(c, 'x-session-id')?.trim();
  if (usable(header)) return header;
  if (options.allowQuery) {
    const query = c.req.query('session_id');
    if (usable(query)) return query;
  }
  for (const name of DEFAULT_SESSION_COOKIES) {
    const cookie = getCookie(c, name);
    if (usable(cookie)) return cookie;
  }
  const auth = readHeader(c, 'authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) {
    const bearer = auth.slice(7).trim();
    if (usable(bearer)) return bearer;
  }
  return null;
}
