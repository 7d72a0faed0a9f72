/**
 * @module securityHeaders(): Hono's secure-headers middleware with an API's defaults: nothing may
 * be framed or loaded from responses (`default-src 'none'`), HSTS, nosniff, no referrer.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /** Send `Strict-Transport-Security` (only meaningful behind HTTPS). @default true */
  hsts?: boolean;
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
  const { hsts = true } = options;
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    strictTransportSecurity: hsts ? 'max-age=31536000; includeSubDomains' : false,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
  });
}
