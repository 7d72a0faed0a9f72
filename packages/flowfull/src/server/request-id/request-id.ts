/**
 * @module requestId(): Hono's request-id rule with flowfull's defaults: an incoming
 * `X-Request-ID` is kept only when it is short and made of safe characters (so it can go into
 * logs), otherwise a UUID is generated; the id goes out on the response.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { readHeader } from '../node-incoming.js';

/** The variable {@link requestId} sets (the same as Hono's request-id middleware). */
export interface RequestIdVariables {
  /** The request's id, echoed in `X-Request-ID`. */
  requestId: string;
}

declare module 'hono' {
  interface ContextVariableMap extends RequestIdVariables {}
}

/** Options of {@link requestId}. */
export interface RequestIdOptions {
  /** Header read and written. @default 'X-Request-ID' */
  headerName?: string;
  /** Longest incoming id kept; longer ones are replaced. @default 128 */
  limitLength?: number;
  /** Makes a new id. @default crypto.randomUUID */
  generator?: () => string;
}

/**
 * Assigns `c.get('requestId')` and echoes it in `X-Request-ID`.
 *
 * @example
 * ```ts
 * app.use(requestId());
 * app.get('/', (c) => c.text(c.get('requestId')));
 * ```
 */
export function requestId(options: RequestIdOptions = {}): MiddlewareHandler {
  const assign = requestIdAssigner(options);
  return async function requestId(c, next) {
    assign(c);
    await next();
  };
}

/**
 * The work of {@link requestId} before the handler: keeps or makes the id, sets
 * `c.get('requestId')` and the response header. Options are resolved once.
 */
export function requestIdAssigner(options: RequestIdOptions = {}): (c: Context) => string {
  const { headerName = 'X-Request-ID', limitLength = 128, generator = () => crypto.randomUUID() } = options;
  if (!Number.isInteger(limitLength) || limitLength < 1) {
    throw new TypeError('requestId: option "limitLength" must be an integer >= 1');
  }
  const lowerName = headerName.toLowerCase();
  // Hono's request-id rule: an incoming id is kept only if it matches [\w\-=]+ within
  // limitLength characters. Read from Node's parsed headers, so no `Headers` object is built.
  return function assignRequestId(c) {
    let id = readHeader(c, lowerName);
    if (!id || id.length > limitLength || UNSAFE.test(id)) id = generator();
    c.set('requestId', id);
    c.header(headerName, id);
    return id;
  };
}

const UNSAFE = /[^\w\-=]/;
