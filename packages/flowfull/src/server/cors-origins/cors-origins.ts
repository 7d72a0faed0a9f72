/**
 * @module corsOrigins(): Hono's CORS middleware answering only an exact list of origins, with
 * credentials, and the headers Pubflow clients send (`X-Session-ID`, `X-Device-ID`, ...).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { readHeader } from '../node-incoming.js';

/** Options of {@link corsOrigins}. */
export interface CorsOriginsOptions {
  /** Origins allowed, compared exactly (scheme, host and port), e.g. `https://app.example.com`. */
  origins: readonly string[];
  /** Request headers allowed. @default Content-Type, Accept, Authorization, Cache-Control, X-Session-ID, X-Device-ID, X-Request-ID, X-Bridge-Secret */
  allowHeaders?: readonly string[];
  /** Preflight cache, in seconds. @default 600 */
  maxAge?: number;
}

const DEFAULT_HEADERS = [
  'Content-Type',
  'Accept',
  'Authorization',
  'Cache-Control',
  'X-Session-ID',
  'X-Device-ID',
  'X-Request-ID',
  'X-Bridge-Secret',
];

const EXPOSE_HEADERS = ['X-Request-ID', 'Retry-After'];

/**
 * CORS for an exact origin list (`CORS_ORIGINS`); other origins get no CORS headers at all, so
 * browsers refuse to read the answer. Every answer carries `Vary: Origin`.
 *
 * @example
 * ```ts
 * app.use(corsOrigins({ origins: ['https://app.example.com'] }));
 * ```
 */
export function corsOrigins(options: CorsOriginsOptions): MiddlewareHandler {
  const policy = corsPolicy(options);
  return async function corsOrigins(c, next) {
    if (c.req.method === 'OPTIONS') return policy.preflight(c, next);
    await next();
    policy.setHeaders(c, c.res.headers);
  };
}

/** The parts of {@link corsOrigins}, for middleware that composes the server defaults itself. */
export interface CorsPolicy {
  /** Hono's `cors()` with these options, for `OPTIONS` requests. */
  readonly preflight: MiddlewareHandler;
  /** Writes the CORS headers of a simple (non-preflight) request's answer onto `headers`. */
  setHeaders(c: Context, headers: Headers): void;
}

/**
 * The policy of {@link corsOrigins}, resolved once.
 */
export function corsPolicy(options: CorsOriginsOptions): CorsPolicy {
  if (!Array.isArray(options?.origins)) throw new TypeError('corsOrigins: option "origins" must be an array');
  const allowed = new Set(
    options.origins.map((origin) => {
      try {
        return new URL(origin).origin;
      } catch {
        throw new TypeError(`corsOrigins: "${origin}" is not an origin (scheme://host[:port])`);
      }
    }),
  );
  const exposed = EXPOSE_HEADERS.join(',');
  const preflight = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowHeaders: [...(options.allowHeaders ?? DEFAULT_HEADERS)],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: options.maxAge ?? 600,
  });
  return {
    preflight,
    // Hono's cors() writes to `c.res` before the handler runs and calls `c.header()` after it; both
    // make Hono copy the handler's Response (through a body stream) on every request. Simple
    // requests need their headers only on the final answer, so they are set there, in place.
    setHeaders(c, headers) {
      const origin = readHeader(c, 'origin');
      if (origin !== undefined && allowed.has(origin)) {
        headers.set('Access-Control-Allow-Origin', origin);
        headers.set('Access-Control-Allow-Credentials', 'true');
        headers.set('Access-Control-Expose-Headers', exposed);
      }
      headers.append('Vary', 'Origin');
    },
  };
}
