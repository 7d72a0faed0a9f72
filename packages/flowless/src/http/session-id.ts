/**
 * @module Where the session id of a request is read from: flowfull's `extractSessionId()` with
 * Flowless's names, so Flowless and every Flowfull backend read a request alike (header
 * `X-Session-ID`, cookie `__Host-session_id`, `session_id` or `sessionId`, query `session_id` when enabled, then
 * `Authorization: Bearer`; at most 256 characters).
 */

import { DEFAULT_SESSION_COOKIES, extractSessionId, type SessionIdSettings } from 'flowfull/middleware';
import type { Context } from 'hono';

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

const settings = (sessionFromQuery: boolean): SessionIdSettings =>
  Object.freeze({
    sessionFromQuery,
    sessionHeader: 'x-session-id',
    sessionCookies: DEFAULT_SESSION_COOKIES,
  });

const WITH_QUERY = settings(true);
const WITHOUT_QUERY = settings(false);

/**
 * The session id sent with a request, or `null` (none, or longer than 256 characters).
 */
export function sessionIdFrom(c: Context, options: { allowQuery: boolean }): string | null {
  return extractSessionId(c, options.allowQuery ? WITH_QUERY : WITHOUT_QUERY);
}
