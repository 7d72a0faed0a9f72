/**
 * @module Reads the request from Node's parsed `IncomingMessage` when the app runs on
 * @hono/node-server. Its Fetch `Request` is built lazily: `c.req.header()` builds a `Headers`
 * object from the raw headers, and `c.req.raw.body` or `.signal` builds the whole web `Request`
 * with an `AbortController`. Reading `c.env.incoming` instead (no allocation, no closure) keeps
 * every middleware close to a bare route; other runtimes and `app.request()` fall back to the
 * Fetch `Request`.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** The Node request behind `c`, when the app runs on @hono/node-server. */
export function nodeIncoming(c: Context): IncomingMessage | undefined {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = env.incoming;
  return typeof incoming === 'object' && incoming !== null ? (incoming as IncomingMessage) : undefined;
}

function nodeHeaders(c: Context): IncomingHttpHeaders | undefined {
  const headers = nodeIncoming(c)?.headers;
  return typeof headers === 'object' && headers !== null ? headers : undefined;
}

/**
 * One request header; `lowerName` must be lower case. Node's parsed headers when available (a
 * repeated header is joined with `, `), the Fetch `Request` otherwise.
 *
 * @example
 * ```ts
 * const origin = readHeader(c, 'origin');
 * ```
 */
export function readHeader(c: Context, lowerName: string): string | undefined {
  const headers = nodeHeaders(c);
  if (headers === undefined) return c.req.header(lowerName);
  const value = headers[lowerName];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The socket peer address, when the app runs on @hono/node-server.
 *
 * @example
 * ```ts
 * const peer = socketAddress(c); // '127.0.0.1' or null
 * ```
 */
export function socketAddress(c: Context): string | null {
  return nodeIncoming(c)?.socket?.remoteAddress ?? null;
}
