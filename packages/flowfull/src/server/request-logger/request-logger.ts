/**
 * @module requestLogger(): one structured line per request with method, the matched route pattern
 * (`/reset/:token`, never the raw path or its query string, which may carry a session id or a
 * token), status, latency and request id. Headers, cookies and bodies are never logged.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ServerLogger } from '../logger.js';

/** Options of {@link requestLogger}. */
export interface RequestLoggerOptions {
  /** Where the lines go (pino works). */
  logger: ServerLogger;
  /** Monotonic clock in ms. @default performance.now */
  now?: () => number;
  /** Paths not logged (health probes, metrics scrapes). @default [] */
  skipPaths?: readonly string[];
}

/**
 * Logs each request once it has been answered: `info` below 500, `error` from 500.
 *
 * @example
 * ```ts
 * app.use(requestId(), requestLogger({ logger: createServerLogger() }));
 * // {"level":30,"method":"GET","path":"/api/v1/items","status":200,"latency_ms":3.1,"request_id":"…","msg":"request"}
 * ```
 */
export function requestLogger(options: RequestLoggerOptions): MiddlewareHandler {
  const { now = () => performance.now() } = options ?? {};
  const log = requestLine(options);
  return async function requestLogger(c, next) {
    const started = now();
    await next();
    log(c, started, now());
  };
}

/**
 * The work of {@link requestLogger} once the request is answered: writes its line unless the path
 * is skipped. `started` and `ended` are readings of the same monotonic clock, in ms.
 */
export function requestLine(
  options: Omit<RequestLoggerOptions, 'now'>,
): (c: Context, started: number, ended: number) => void {
  if (!options?.logger) throw new TypeError('requestLogger: option "logger" is required');
  const { logger } = options;
  const skip = new Set(options.skipPaths ?? []);
  return function logRequest(c, started, ended) {
    if (skip.has(c.req.path)) return;
    const status = c.res.status;
    // The route pattern: a raw path can hold a token (`/password-reset/validate/<token>`).
    const route = c.req.routePath;
    const fields = {
      method: c.req.method,
      path: status === 404 && (route === '/*' || route === '*') ? '(unmatched)' : route,
      status,
      latency_ms: Math.round((ended - started) * 100) / 100,
      request_id: c.get('requestId') ?? null,
    };
    if (status >= 500) logger.error(fields, 'request');
    else logger.info(fields, 'request');
  };
}
