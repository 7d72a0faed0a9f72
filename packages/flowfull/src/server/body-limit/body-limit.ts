/**
 * @module limitBody(): refuses request bodies over a size with 413 and the error envelope. On
 * @hono/node-server it decides from Node's parsed HTTP/1 request, so a request without a body
 * never builds the web `Request`; chunked bodies, HTTP/2 and other runtimes go through Hono's
 * body-limit, which counts the bytes as they stream in.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { envelope } from '../error-envelope/envelope.js';
import { nodeIncoming } from '../node-incoming.js';

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
  const gate = bodyLimitGate(maxSize);
  return async function limitBody(c, next) {
    const verdict = gate.check(c);
    if (verdict === 'too-large') return gate.tooLarge(c);
    if (verdict === 'stream') return gate.streamed(c, next);
    await next();
  };
}

/** What {@link BodyLimitGate.check} decides before the handler runs. */
export type BodyLimitVerdict = 'pass' | 'too-large' | 'stream';

/** The body limit's parts, for middleware that composes the server defaults itself. */
export interface BodyLimitGate {
  /** `pass`: no body or a declared one within the limit; `stream`: count it with `streamed`. */
  check(c: Context): BodyLimitVerdict;
  /** The 413 answer. */
  tooLarge(c: Context): Response;
  /** Hono's body-limit, counting a body as it streams in. */
  streamed: MiddlewareHandler;
}

/**
 * The decision of {@link limitBody}, without the middleware around it.
 */
export function bodyLimitGate(maxSize: number = DEFAULT_BODY_LIMIT): BodyLimitGate {
  if (!Number.isInteger(maxSize) || maxSize < 0) {
    throw new TypeError('limitBody: "maxSize" must be an integer number of bytes >= 0');
  }
  const tooLarge = (c: Context): Response =>
    c.json(envelope(c, `Request body exceeds ${maxSize} bytes`, 'ERR_HTTP_PAYLOAD_TOO_LARGE'), 413);
  return {
    check(c) {
      const incoming = nodeIncoming(c);
      if (incoming === undefined || incoming.httpVersionMajor !== 1) return 'stream';
      const headers = incoming.headers;
      // Node's HTTP/1 parser frames the body by these two headers (and refuses a request with
      // both): without either there is no body, and a declared length is exactly what is read.
      if (headers['transfer-encoding'] !== undefined) return 'stream';
      const declared = headers['content-length'];
      return declared !== undefined && Number(declared) > maxSize ? 'too-large' : 'pass';
    },
    tooLarge,
    streamed: bodyLimit({ maxSize, onError: tooLarge }),
  };
}
