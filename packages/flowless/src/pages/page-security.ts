/**
 * @module The Content-Security-Policy of the hosted pages: nothing loads but the server's own
 * stylesheet and images and the scripts that carry this answer's nonce (no inline script without
 * it, no `eval`); forms post to the server itself or to the origins a sign-in may return to; no
 * page can be framed. Pages are never cached: they show a person's own data.
 */
import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { FlowlessEnv } from '../http/flowless-env.js';

/** The policy for one nonce; `formOrigins` are the origins forms may post or be redirected to. */
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
 * Gives the page a fresh nonce (`c.get('cspNonce')`) and sends its policy with the answer.
 */
export function pageSecurity(formOrigins: readonly string[]): MiddlewareHandler<FlowlessEnv> {
  return async function pageSecurityMiddleware(c, next) {
    const nonce = randomBytes(16).toString('base64');
    c.set('cspNonce', nonce);
    await next();
    c.res.headers.set('Content-Security-Policy', pageContentSecurityPolicy(nonce, formOrigins));
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
