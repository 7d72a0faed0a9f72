/**
 * @module Reads request headers and the socket address cheaply. On @hono/node-server, touching
 * `c.req.header()` builds a full `Headers` object from the raw request; reading Node's parsed
 * `incoming.headers` instead keeps the warm auth path close to a bare route.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** Reads one header by name (case-insensitive). */
export type HeaderReader = (name: string) => string | undefined;

/** The Node request behind `c`, when the app runs on @hono/node-server. */
function incomingOf(c: Context): IncomingMessage | undefined {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  return env.incoming as IncomingMessage | undefined;
}

/** A header reader for `c`: Node's parsed headers when available, the Fetch `Request` otherwise. */
export function headerReader(c: Context): HeaderReader {
  const headers = incomingOf(c)?.headers;
  if (headers === undefined || typeof headers !== 'object') return (name) => c.req.header(name);
  return (name) => {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/** The socket peer address, when the app runs on @hono/node-server. */
export function socketAddress(c: Context): string | null {
  return incomingOf(c)?.socket?.remoteAddress ?? null;
}
