/**
 * @module csrfProtection(): refuses a state-changing request (POST, PUT, PATCH, DELETE) that a
 * session cookie authenticates unless the browser says it comes from the server's own origin or an
 * allowed one. Requests authenticated by a header (`X-Session-ID`, `Authorization`) and requests
 * without a session cookie pass: a page on another site cannot set those headers without a CORS
 * preflight, which foreign origins fail.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { parse } from 'hono/utils/cookie';
import { envelope } from '../../server/error-envelope/envelope.js';
import { readHeader } from '../../server/node-incoming.js';
import { DEFAULT_SESSION_COOKIES } from '../session-cookies.js';

/** Options of {@link csrfProtection}. */
export interface CsrfProtectionOptions {
  /** Origins besides the server's own whose cookie requests are accepted (the CORS / front-end origins), compared exactly. */
  allowedOrigins: readonly string[];
  /** Cookies that carry a session. @default ['__Host-session_id', 'session_id', 'sessionId'] */
  cookieNames?: readonly string[];
  /** Headers that authenticate a request on their own; their presence exempts it. @default ['X-Session-ID', 'Authorization'] */
  authHeaders?: readonly string[];
  /**
   * Check every state-changing request, with or without a session cookie: for HTML forms that
   * sign a person in or up, where a foreign page could otherwise sign the browser into an
   * attacker's account. @default false
   */
  everyRequest?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Without an Origin, only a browser's word that the request is its own (or typed by the user) passes.
const TRUSTED_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * The 403 `CSRF_REJECTED` answer.
 *
 * @example
 * ```ts
 * if (!sameOrigin) return csrfRefusal(c);
 * ```
 */
export function csrfRefusal(c: Context): Response {
  return c.json(
    envelope(
      c,
      'Cross-site request refused: a cookie-authenticated change must come from an allowed origin',
      'CSRF_REJECTED',
    ),
    403,
  );
}

function originOf(value: string, option: string): string {
  try {
    const origin = new URL(value).origin;
    if (origin !== 'null') return origin;
  } catch {
    // reported below
  }
  throw new TypeError(`csrfProtection: ${option} "${value}" is not an origin (scheme://host[:port])`);
}

function carriesSessionCookie(c: Context, names: readonly string[]): boolean {
  const header = readHeader(c, 'cookie');
  if (!header) return false;
  return names.some((name) => Boolean(parse(header, name)[name]));
}

/**
 * CSRF protection for cookie sessions.
 *
 * A cookie-authenticated change passes when its `Origin` is the request URL's origin or one of
 * `allowedOrigins`; without `Origin`, when `Sec-Fetch-Site` is `same-origin` or `none`. Everything
 * else is refused, a request with neither header included (browsers send at least one of them on
 * every state-changing request; a non-browser client should send its session in `X-Session-ID`).
 *
 * @example
 * ```ts
 * app.use(csrfProtection({ allowedOrigins: ['https://app.example.com'] }));
 * ```
 */
export function csrfProtection(options: CsrfProtectionOptions): MiddlewareHandler {
  if (!Array.isArray(options?.allowedOrigins)) {
    throw new TypeError('csrfProtection: option "allowedOrigins" must be an array');
  }
  const allowed = new Set(options.allowedOrigins.map((origin) => originOf(origin, 'allowed origin')));
  const cookieNames = [...(options.cookieNames ?? DEFAULT_SESSION_COOKIES)];
  const authHeaders = (options.authHeaders ?? ['X-Session-ID', 'Authorization']).map((name) =>
    name.toLowerCase(),
  );

  const everyRequest = options.everyRequest === true;
  const acceptable = (c: Context): boolean => {
    const origin = readHeader(c, 'origin');
    if (origin !== undefined) return allowed.has(origin) || origin === new URL(c.req.url).origin;
    const site = readHeader(c, 'sec-fetch-site');
    return site !== undefined && TRUSTED_FETCH_SITES.has(site.toLowerCase());
  };

  return async function csrfProtection(c, next) {
    if (
      SAFE_METHODS.has(c.req.method) ||
      authHeaders.some((name) => Boolean(readHeader(c, name)?.trim())) ||
      (!everyRequest && !carriesSessionCookie(c, cookieNames)) ||
      acceptable(c)
    ) {
      await next();
      return undefined;
    }
    return csrfRefusal(c);
  };
}
