/**
 * @module Finds the session id of a request: the one reading shared by Flowfull's auth middleware
 * and Flowless's routes. Sources, in order: the `X-Session-ID` header, the `__Host-session_id`,
 * `session_id` then `sessionId` cookie, `?session_id=` (when enabled), then `Authorization: Bearer`.
 * The first non-empty value decides; one longer than {@link MAX_SESSION_ID_LENGTH} (256) is refused.
 */
import type { Context } from 'hono';
import { parse } from 'hono/utils/cookie';
import { MAX_SESSION_ID_LENGTH } from '../bridge/session-id.js';
import { readHeader } from '../server/node-incoming.js';
import type { AuthSettings } from './auth-settings.js';
import { DEFAULT_SESSION_COOKIES } from './session-cookies.js';

/** The settings session-id extraction reads. */
export type SessionIdSettings = Pick<AuthSettings, 'sessionFromQuery' | 'sessionHeader' | 'sessionCookies'>;

/** Why a request yields no session id: it carries none, or the first one is over-long. */
export interface SessionIdRefusal {
  readonly ok: false;
  readonly reason: 'missing' | 'too_long';
}

const DEFAULTS: SessionIdSettings = Object.freeze({
  sessionFromQuery: true,
  sessionHeader: 'x-session-id',
  sessionCookies: DEFAULT_SESSION_COOKIES,
});

const MISSING: SessionIdRefusal = Object.freeze({ ok: false, reason: 'missing' });
const TOO_LONG: SessionIdRefusal = Object.freeze({ ok: false, reason: 'too_long' });

/**
 * The session id of the request, or why there is none. Sources are read in this order, and the
 * first that carries a non-empty value decides (a later one is never consulted):
 *
 * 1. the header `settings.sessionHeader` (`X-Session-ID`);
 * 2. the cookies `settings.sessionCookies`, in order (`__Host-session_id`, `session_id`, then `sessionId`);
 * 3. `?session_id=`, when `settings.sessionFromQuery` is on;
 * 4. `Authorization: Bearer <id>` (the scheme in any case).
 *
 * A cookie comes before the query because a URL can be planted by a link and ends up in logs,
 * while the cookie was set by the auth server. A value longer than {@link MAX_SESSION_ID_LENGTH}
 * (256 characters; Flowless issues 43) is refused as `too_long` rather than skipped. Other format
 * checks (visible ASCII) are the validator's, which answers `SESSION_MALFORMED`.
 *
 * @default settings: header `x-session-id`, cookies `__Host-session_id`, `session_id` and `sessionId`, query on
 * @example
 * ```ts
 * const found = readSessionId(c, settings);
 * if (typeof found !== 'string') return c.json({ reason: found.reason }, 401);
 * ```
 */
export function readSessionId(c: Context, settings: SessionIdSettings = DEFAULTS): string | SessionIdRefusal {
  const sent = firstSent(c, settings);
  if (sent === undefined) return MISSING;
  return sent.length > MAX_SESSION_ID_LENGTH ? TOO_LONG : sent;
}

/**
 * The session id of the request, or null when it carries none or the first one is longer than
 * 256 characters: {@link readSessionId} without the reason. Order: `X-Session-ID` header,
 * `__Host-session_id`/`session_id`/`sessionId` cookie, `?session_id=` (when enabled), `Authorization: Bearer`.
 *
 * @default settings: header `x-session-id`, cookies `__Host-session_id`, `session_id` and `sessionId`, query on
 * @example
 * ```ts
 * app.get('/whoami', (c) => c.json({ hasSession: extractSessionId(c) !== null }));
 * ```
 */
export function extractSessionId(c: Context, settings: SessionIdSettings = DEFAULTS): string | null {
  const found = readSessionId(c, settings);
  return typeof found === 'string' ? found : null;
}

function firstSent(c: Context, settings: SessionIdSettings): string | undefined {
  const fromHeader = readHeader(c, settings.sessionHeader.toLowerCase());
  if (fromHeader) return fromHeader;
  const cookieHeader = readHeader(c, 'cookie');
  if (cookieHeader) {
    for (const name of settings.sessionCookies) {
      const cookie = parse(cookieHeader, name)[name];
      if (cookie) return cookie;
    }
  }
  if (settings.sessionFromQuery) {
    const query = c.req.query('session_id');
    if (query) return query;
  }
  const authorization = readHeader(c, 'authorization');
  if (authorization !== undefined && /^bearer /i.test(authorization)) {
    const token = authorization.slice(7).trim();
    if (token) return token;
  }
  return undefined;
}
