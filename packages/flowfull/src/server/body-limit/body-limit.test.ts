import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
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
