import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sendRaw, useSocketProbe } from '../../../test/support/index.js';
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

describe('limitBody() on @hono/node-server', () => {
  const server = useSocketProbe(() => new Hono().use(limitBody(10)), '/get');
  const { handled, builtWebRequest } = server;
  const send = async (...args: Parameters<typeof sendRaw>) => {
    const { status, body } = await sendRaw(...args);
    return { status, body };
  };

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
