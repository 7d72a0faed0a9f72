/**
 * @module The app's `onError`: a {@link FlowlessError} leaves as flowfull's one error envelope
 * `{ success:false, error, code, request_id }` with its status, headers and extra fields (plus
 * `message`, which Pubflow clients read); anything else goes to flowfull's `handleError` (500,
 * details logged, never sent).
 */
import { envelope, handleError, type ServerLogger } from 'flowfull/server';
import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FlowlessError } from '../errors.js';

/**
 * Builds the error handler.
 */
export function errorAnswer(logger: ServerLogger): ErrorHandler {
  const fallback = handleError({ logger });
  return function errorAnswer(error: Error, c: Context): Response | Promise<Response> {
    if (!(error instanceof FlowlessError)) return fallback(error, c);
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    // The route pattern, not the raw path, which can hold a reset token.
    if (error.status >= 500) logger.warn({ code: error.code, path: c.req.routePath }, error.message);
    // The contract fixes a few codes of its own (`EMAIL_NOT_VERIFIED`); they travel in `extra.code`.
    const code = typeof error.extra.code === 'string' ? error.extra.code : error.code;
    return c.json(
      envelope(c, error.message, code, { message: error.message, ...error.extra }),
      error.status as ContentfulStatusCode,
    );
  };
}
