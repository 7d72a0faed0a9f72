/**
 * @module For suites about what reaches a handler over a real socket: raw `node:http` requests
 * (bodies written chunk by chunk) and an app served with two probe routes.
 */
import { request } from 'node:http';
import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, serve } from '../../src/server/serve/index.js';

/** What {@link sendRaw} resolves to. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
}

/** Sends one request over a real socket; `chunks` are written one by one (chunked unless a length is given). */
export function sendRaw(
  url: string,
  init: { method: string; headers?: Record<string, string | number>; chunks?: string[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // The server may answer (and close) before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of init.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** What {@link useSocketProbe} gives a suite. */
export interface SocketProbe {
  /** Base URL of the served app. */
  readonly url: string;
  /** `'echo'` once per request the `POST /echo` handler ran for. */
  readonly handled: string[];
  /** Per request to the GET route: whether the web `Request` had been built by then. */
  readonly builtWebRequest: boolean[];
}

/**
 * Serves `build()` on 127.0.0.1 for the suite, with `GET getPath` (answers `{ ok: true }`, records
 * whether @hono/node-server built its web Request) and `POST /echo` (echoes the body).
 */
export function useSocketProbe(build: () => Hono, getPath: string): SocketProbe {
  const handled: string[] = [];
  const builtWebRequest: boolean[] = [];
  let server: RunningServer | undefined;
  beforeAll(async () => {
    const app = build();
    app.get(getPath, (c) => {
      // @hono/node-server builds its web Request lazily and caches it under this symbol.
      builtWebRequest.push(
        Object.getOwnPropertySymbols(c.req.raw).some((s) => s.description === 'requestCache'),
      );
      return c.json({ ok: true });
    });
    app.post('/echo', async (c) => {
      handled.push('echo');
      return c.text(await c.req.text());
    });
    server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: [] });
  });
  afterAll(() => server?.close());
  return {
    get url() {
      if (server === undefined) throw new Error('useSocketProbe: the server starts in beforeAll');
      return server.url;
    },
    handled,
    builtWebRequest,
  };
}
