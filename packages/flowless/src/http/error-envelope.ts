/**
 * @module The one place errors become HTTP: `{success:false, error, message, code, …}` with
 * `application/json`, for typed errors, unknown routes and faults alike.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FlowlessError } from '../errors.js';
import type { Logger } from '../runtime/logger.js';

/**
 * Builds the `onError` handler.
 *
 * @example
 * ```ts
 * app.onError(errorEnvelope(logger));
 * ```
 */
export function errorEnvelope(logger: Logger): (error: Error, c: Context) => Response {
  return (error, c) => {
    if (error instanceof FlowlessError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      if (error.status >= 500) logger.warn({ code: error.code, path: c.req.path }, error.message);
      return c.json(
        { success: false, error: error.message, message: error.message, code: error.code, ...error.extra },
        error.status as ContentfulStatusCode,
      );
    }
    if (error instanceof HTTPException) {
      return c.json(
        {
          success: false,
          error: error.message || 'Request failed',
          message: error.message,
          code: 'ERR_FLOWLESS_HTTP',
        },
        error.status,
      );
    }
    logger.error({ path: c.req.path, err: error.message }, 'unhandled error');
    return c.json(
      {
        success: false,
        error: 'Internal server error',
        message: 'Internal server error',
        code: 'ERR_FLOWLESS_INTERNAL',
      },
      500,
    );
  };
}

/**
 * The JSON 404 for unknown routes.
 *
 * @example
 * ```ts
 * app.notFound(notFoundEnvelope);
 * ```
 */
export function notFoundEnvelope(c: Context): Response {
  return c.json(
    { success: false, error: 'Not found', message: 'Not found', code: 'ERR_FLOWLESS_NOT_FOUND' },
    404,
  );
}
