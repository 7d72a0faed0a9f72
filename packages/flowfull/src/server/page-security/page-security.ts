/**
 * @module The Content-Security-Policy of server-rendered HTML pages: nothing loads but the
 * server's own stylesheet and images and the scripts that carry this answer's nonce (no inline
 * script without it, no `eval`); forms post to the server itself or to the origins given (where a
 * sign-in or a sign-out may go); no page can be framed. Pages are never cached: they show a
 * person's own data. Flowless's hosted pages and the starter's console both use it.
 */
import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** The context variable {@link pageSecurity} sets. */
export interface PageSecurityVariables {
  /** The nonce of this answer's scripts, new for every page answer. */
  cspNonce: string;
}

declare module 'hono' {
  interface ContextVariableMap extends PageSecurityVariables {}
}

/**
 * The policy for one nonce; `formOrigins` are the origins besides the server's own that forms may
 * post or be redirected to.
 *
 * @example
 * ```ts
 * pageContentSecurityPolicy('abc', ['https://auth.example.com']);
 * // "default-src 'none'; script-src 'nonce-abc'; ...; form-action 'self' https://auth.example.com; ..."
 * ```
 */
export function pageContentSecurityPolicy(nonce: string, formOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action 'self'${formOrigins.map((origin) => ` ${origin}`).join('')}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Gives the page a fresh nonce (`c.get('cspNonce')`) and sends its policy, and `no-store`, with
 * the answer. `securityHeaders()` keeps the policy a page set.
 *
 * @example
 * ```ts
 * app.get('/', pageSecurity([]), (c) => c.html(`<script nonce="${c.get('cspNonce')}">…</script>`));
 * ```
 */
export function pageSecurity(formOrigins: readonly string[]): MiddlewareHandler {
  const origins = [...formOrigins];
  return async function pageSecurityMiddleware(c, next) {
    const nonce = randomBytes(16).toString('base64');
    c.set('cspNonce', nonce);
    await next();
    c.res.headers.set('Content-Security-Policy', pageContentSecurityPolicy(nonce, origins));
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
