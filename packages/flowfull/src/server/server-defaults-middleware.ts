/**
 * @module serverDefaults(): the per-request work of `applyServerDefaults()` in one middleware —
 * request id, request log, metrics, error envelope, security headers, CORS and body limit — in the
 * order the seven separate middlewares would run, without entering Hono's composition seven
 * times (each layer is an async dispatch with its own promise on every request).
 */
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import type { BodyLimitGate } from './body-limit/index.js';
import type { CorsPolicy } from './cors-origins/index.js';
import { envelopeErrorResponse } from './error-envelope/index.js';
import type { HttpMetrics } from './metrics/index.js';
import { type HeaderPair, setSecurityHeaders } from './security-headers/index.js';

/** The resolved parts {@link serverDefaults} runs. */
export interface ServerDefaultsParts {
  /** Keeps or makes the request id (`requestIdAssigner()`). */
  readonly assignRequestId: (c: Context) => string;
  /** Writes the request line (`requestLine()`). */
  readonly logRequest: (c: Context, started: number, ended: number) => void;
  /** Records the request, or `false` for no metrics. */
  readonly metrics: HttpMetrics | false;
  /** The security headers (`securityHeaderList()`). */
  readonly securityHeaders: readonly HeaderPair[];
  /** The CORS policy (`corsPolicy()`). */
  readonly cors: CorsPolicy;
  /** The body limit (`bodyLimitGate()`). */
  readonly bodyLimit: BodyLimitGate;
  /** The app's error handler, for a fault in the preflight or the streamed body count. */
  readonly onError: ErrorHandler;
}

/**
 * One middleware doing what `requestId()`, `requestLogger()`, `metrics()`, `errorEnvelope()`,
 * `securityHeaders()`, `corsOrigins()` and `limitBody()` do when installed in that order.
 */
export function serverDefaults(parts: ServerDefaultsParts): MiddlewareHandler {
  const { assignRequestId, logRequest, metrics, securityHeaders, cors, bodyLimit, onError } = parts;
  return async function serverDefaults(c, next) {
    const started = performance.now();
    assignRequestId(c);
    const preflight = c.req.method === 'OPTIONS';
    const verdict = preflight ? 'stream' : bodyLimit.check(c);
    if (verdict === 'pass') {
      await next();
    } else {
      // What Hono's composition does with a layer's outcome: a returned Response becomes the
      // answer unless one was already set, and an Error goes to the app's error handler.
      try {
        const answer = preflight
          ? await cors.preflight(c, next)
          : verdict === 'too-large'
            ? bodyLimit.tooLarge(c)
            : await bodyLimit.streamed(c, next);
        if (answer instanceof Response && !c.finalized) c.res = answer;
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        c.error = error;
        c.res = await onError(error, c);
      }
    }
    const headers = c.res.headers;
    if (!preflight) cors.setHeaders(c, headers);
    setSecurityHeaders(headers, securityHeaders);
    if (c.res.status >= 400) await envelopeErrorResponse(c);
    const ended = performance.now();
    if (metrics) metrics.record(c, (ended - started) / 1000);
    logRequest(c, started, ended);
  };
}
