/**
 * @module Reads request headers and the socket address cheaply. On @hono/node-server, touching
 * `c.req.header()` builds a full `Headers` object from the raw request; reading Node's parsed
 * `incoming.headers` instead (no allocation, no closure) keeps the warm auth path close to a bare
 * route.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** The Node request behind `c`, when the app runs on @hono/node-server. */
function incomingOf(c: Context): IncomingMessage | undefined {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  return env.incoming as IncomingMessage | undefined;
}

function nodeHeaders(c: Context): IncomingHttpHeaders | undefined {
  const headers = incomingOf(c)?.headers;
  return typeof headers === 'object' && headers !== null ? headers : undefined;
}

/**
 * One request header; `lowerName` must be lower case. Node's parsed headers when available (a
 * repeated header is joined with `, `), the Fetch `Request` otherwise.
 */
export function readHeader(c: Context, lowerName: string): string | undefined {
  const headers = nodeHeaders(c);
  if (headers === undefined) return c.req.header(lowerName);
  const value = headers[lowerName];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The socket peer address, when the app runs on @hono/node-server. */
export function socketAddress(c: Context): string | null {
  return incomingOf(c)?.socket?.remoteAddress ?? null;
}
