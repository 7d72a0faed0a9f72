/**
 * @module securityHeaders(): the security headers of a JSON API — nothing may be framed or loaded
 * from responses (`default-src 'none'`), HSTS, nosniff, no referrer — the same set as Hono's
 * secure-headers middleware with these options, computed once into a frozen list and written onto
 * the final response in one pass (no per-request option handling, no closures).
 */
import type { MiddlewareHandler } from 'hono';

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /** Send `Strict-Transport-Security` (only meaningful behind HTTPS). @default true */
  hsts?: boolean;
}

/** A header name and its value. */
export type HeaderPair = readonly [name: string, value: string];

/**
 * The headers {@link securityHeaders} sets, in order: Hono's secure-headers defaults with
 * `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`, a one-year HSTS and a CSP that allows
 * nothing.
 */
export function securityHeaderList(options: SecurityHeadersOptions = {}): readonly HeaderPair[] {
  const { hsts = true } = options;
  const list: HeaderPair[] = [
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
  ];
  if (hsts) list.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  list.push(
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  );
  return Object.freeze(list.map((pair) => Object.freeze(pair)));
}

/**
 * Writes the list onto `headers`, replacing values a handler set, and drops `X-Powered-By`. A
 * `Content-Security-Policy` the handler set is kept: an HTML page sends its own, with the nonce of
 * its scripts, and it is stricter about what matters for a page than `default-src 'none'` allows.
 */
export function setSecurityHeaders(headers: Headers, list: readonly HeaderPair[]): void {
  for (const [name, value] of list) {
    if (name === 'Content-Security-Policy' && headers.has(name)) continue;
    headers.set(name, value);
  }
  headers.delete('X-Powered-By');
}

/**
 * Security headers for JSON APIs.
 *
 * @example
 * ```ts
 * app.use(securityHeaders());
 * ```
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const list = securityHeaderList(options);
  return async function securityHeaders(c, next) {
    await next();
    setSecurityHeaders(c.res.headers, list);
  };
}
