/**
 * @module limitBody(): Hono's body-limit middleware answering 413 with the error envelope.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { envelope } from '../error-envelope/envelope.js';

/** The default request body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Refuses bodies larger than `maxSize` bytes with 413 `ERR_HTTP_PAYLOAD_TOO_LARGE`, whether the
 * size is declared (`Content-Length`) or streamed.
 *
 * @example
 * ```ts
 * app.use(limitBody(64 * 1024));
 * ```
 */
export function limitBody(maxSize: number = DEFAULT_BODY_LIMIT): MiddlewareHandler {
  if (!Number.isInteger(maxSize) || maxSize < 0) {
    throw new TypeError('limitBody: "maxSize" must be an integer number of bytes >= 0');
  }
  return bodyLimit({
    maxSize,
    onError: (c) =>
      c.json(envelope(c, `Request body exceeds ${maxSize} bytes`, 'ERR_HTTP_PAYLOAD_TOO_LARGE'), 413),
  });
}
