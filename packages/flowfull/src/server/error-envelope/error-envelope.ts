/**
 * @module errorEnvelope(), handleError() and handleNotFound(): every 4xx and 5xx leaves as the one
 * JSON envelope, whether a route answered it, a middleware refused, nothing matched or a handler
 * threw. Stack traces are shown only when `exposeStack` is on (never in production).
 */
import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Logger, silentLogger } from '../../logger.js';
import { ApiError, codeForStatus, messageForStatus } from '../errors.js';
import { envelope } from './envelope.js';

/** Options of {@link handleError}. */
export interface ErrorHandlerOptions {
  /** Where uncaught errors are logged (with their stack). @default silent */
  logger?: Pick<Logger, 'error'>;
  /** Add `stack` to 5xx envelopes; for development only. @default false */
  exposeStack?: boolean;
}

/**
 * The app's `onError`: `ApiError` keeps its status, code and details; Hono's `HTTPException`
 * keeps its status; anything else is a 500 whose details stay in the log.
 *
 * @example
 * ```ts
 * app.onError(handleError({ logger }));
 * ```
 */
export function handleError(options: ErrorHandlerOptions = {}): ErrorHandler {
  const logger = options.logger ?? silentLogger;
  const exposeStack = options.exposeStack ?? false;
  return function handleError(error, c) {
    if (error instanceof ApiError) {
      return c.json(
        envelope(c, error.message, error.code, error.details),
        error.status as ContentfulStatusCode,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(
        envelope(c, error.message || messageForStatus(error.status), codeForStatus(error.status)),
        error.status,
      );
    }
    const status = error instanceof HTTPException ? error.status : 500;
    logger.error(
      { request_id: c.get('requestId'), method: c.req.method, path: c.req.routePath, err: serialize(error) },
      'request failed',
    );
    const extra = exposeStack && error.stack ? { stack: error.stack } : {};
    return c.json(envelope(c, messageForStatus(status), codeForStatus(status), extra), status);
  };
}

/**
 * The app's `notFound`: a 404 envelope.
 *
 * @example
 * ```ts
 * app.notFound(handleNotFound);
 * ```
 */
export const handleNotFound: NotFoundHandler = (c) =>
  c.json(envelope(c, messageForStatus(404), codeForStatus(404)), 404);

/**
 * Middleware that brings every other 4xx/5xx response into the envelope: JSON error bodies gain
 * the missing standard fields (their own `error`, `code` and extra fields are kept); other bodies
 * (plain text from a library, empty bodies) are replaced. Headers are kept. HTML pages keep their
 * body: a page re-rendered with 400/422 and its field errors is meant for a person.
 *
 * @example
 * ```ts
 * app.use(requestId(), errorEnvelope());
 * ```
 */
export function errorEnvelope(): MiddlewareHandler {
  return async function errorEnvelope(c, next) {
    await next();
    if (c.res.status >= 400) await envelopeErrorResponse(c);
  };
}

/**
 * The work of {@link errorEnvelope} once the handler has run: brings a 4xx/5xx `c.res` into the
 * envelope (nothing for other statuses and for `HEAD`).
 */
export async function envelopeErrorResponse(c: Context): Promise<void> {
  const status = c.res.status;
  if (status < 400 || c.req.method === 'HEAD') return;
  // A server-rendered page that answers 4xx (a form with field errors) is its own error message.
  if (c.res.headers.get('content-type')?.startsWith('text/html')) return;
  const body = await readJsonObject(c.res);
  if (body !== null && body.success === false && typeof body.request_id === 'string') return;
  const error = typeof body?.error === 'string' ? body.error : messageForStatus(status);
  const code = typeof body?.code === 'string' ? body.code : codeForStatus(status);
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  headers.set('content-type', 'application/json; charset=UTF-8');
  // Hono's `c.res` setter copies the old response's headers (content-length included) into the
  // new one; clearing it first keeps only the headers chosen here.
  c.res = undefined;
  c.res = new Response(JSON.stringify(envelope(c, error, code, body ?? {})), { status, headers });
}

async function readJsonObject(res: Response): Promise<Record<string, unknown> | null> {
  if (!res.headers.get('content-type')?.includes('json')) return null;
  try {
    const parsed: unknown = await res.clone().json();
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function serialize(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, stack: error.stack, ...(code ? { code } : {}) };
}
