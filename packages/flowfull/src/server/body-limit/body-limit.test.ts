import { request } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from '../serve/index.js';
import { limitBody } from './index.js';

function app(max: number) {
  const a = new Hono();
  a.use(limitBody(max));
  a.post('/echo', async (c) => c.text(await c.req.text()));
  return a;
}

describe('limitBody()', () => {
  it('answers 413 with the envelope when Content-Length exceeds the limit', async () => {
    const res = await app(10).request('/echo', { method: 'POST', body: 'x'.repeat(11) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      success: false,
      code: 'ERR_HTTP_PAYLOAD_TOO_LARGE',
      error: 'Request body exceeds 10 bytes',
    });
  });

  it('answers 413 for a streamed body that grows past the limit', async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('x'.repeat(8)));
        controller.enqueue(new TextEncoder().encode('x'.repeat(8)));
        controller.close();
      },
    });
    const res = await app(10).request('/echo', {
      method: 'POST',
      body: stream,
      headers: { 'Transfer-Encoding': 'chunked' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('lets a body at the limit through', async () => {
    const res = await app(10).request('/echo', { method: 'POST', body: 'x'.repeat(10) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('x'.repeat(10));
  });

  it('rejects a negative or fractional limit', () => {
    expect(() => limitBody(-1)).toThrow(TypeError);
    expect(() => limitBody(1.5)).toThrow(TypeError);
  });
});

/** Sends one request over a real socket; `chunks` are written one by one (chunked unless a length is given). */
function send(
  url: string,
  init: { method: string; headers?: Record<string, string | number>; chunks?: string[] },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer (and close) before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of init.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('limitBody() on @hono/node-server', () => {
  let server: RunningServer;
  const handled: string[] = [];
  const builtWebRequest: boolean[] = [];

  beforeAll(async () => {
    const a = new Hono();
    a.use(limitBody(10));
    a.get('/get', (c) => {
      // @hono/node-server builds its web Request lazily and caches it under this symbol.
      builtWebRequest.push(
        Object.getOwnPropertySymbols(c.req.raw).some((s) => s.description === 'requestCache'),
      );
      return c.json({ ok: true });
    });
    a.post('/echo', async (c) => {
      handled.push('echo');
      return c.text(await c.req.text());
    });
    server = await serve(a, { port: 0, hostname: '127.0.0.1', signals: [] });
  });
  afterAll(() => server.close());

  it('answers 413 with the envelope for a declared Content-Length over the limit, without running the handler', async () => {
    handled.length = 0;
    const res = await send(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Length': 11 },
      chunks: ['x'.repeat(11)],
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      success: false,
      code: 'ERR_HTTP_PAYLOAD_TOO_LARGE',
      error: 'Request body exceeds 10 bytes',
    });
    expect(handled).toEqual([]);
  });

  it('answers 413 for a chunked body that streams past the limit', async () => {
    handled.length = 0;
    const res = await send(`${server.url}/echo`, { method: 'POST', chunks: ['x'.repeat(8), 'x'.repeat(8)] });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'ERR_HTTP_PAYLOAD_TOO_LARGE' });
    expect(handled).toEqual([]);
  });

  it('lets declared and chunked bodies at the limit through to the handler', async () => {
    const declared = await send(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Length': 10 },
      chunks: ['x'.repeat(10)],
    });
    expect(declared).toEqual({ status: 200, body: 'x'.repeat(10) });
    const chunked = await send(`${server.url}/echo`, {
      method: 'POST',
      chunks: ['x'.repeat(5), 'y'.repeat(5)],
    });
    expect(chunked).toEqual({ status: 200, body: 'xxxxxyyyyy' });
  });

  it('lets a GET through without building the web Request', async () => {
    builtWebRequest.length = 0;
    const res = await send(`${server.url}/get`, { method: 'GET' });
    expect(res.status).toBe(200);
    expect(builtWebRequest).toEqual([false]);
  });
});
