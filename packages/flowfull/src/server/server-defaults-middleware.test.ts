import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { describe, expect, it } from 'vitest';
import { sendRaw as send, useSocketProbe } from '../../test/support/index.js';
import { createServerLogger } from './logger.js';
import { applyServerDefaults } from './server-defaults.js';

const ORIGIN = 'https://app.example.com';

describe('applyServerDefaults() on @hono/node-server', () => {
  const server = useSocketProbe(
    () =>
      applyServerDefaults(new Hono(), {
        logger: createServerLogger({ level: 'silent' }),
        corsOrigins: [ORIGIN],
        bodyLimit: 10,
      }),
    '/data',
  );
  const { handled, builtWebRequest } = server;

  it('answers a GET with every default header and never builds the web Request', async () => {
    builtWebRequest.length = 0;
    const res = await send(`${server.url}/data`, { method: 'GET', headers: { Origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers.vary).toBe('Origin');
    expect(builtWebRequest).toEqual([false]);
  });

  it('answers 413 in the envelope, with the security headers, for a declared or a streamed body over the limit', async () => {
    handled.length = 0;
    const declared = await send(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Length': 11 },
      chunks: ['x'.repeat(11)],
    });
    const streamed = await send(`${server.url}/echo`, {
      method: 'POST',
      chunks: ['x'.repeat(8), 'x'.repeat(8)],
    });
    for (const res of [declared, streamed]) {
      expect(res.status).toBe(413);
      const body = JSON.parse(res.body) as Record<string, unknown>;
      expect(body).toMatchObject({ success: false, code: 'ERR_HTTP_PAYLOAD_TOO_LARGE' });
      expect(body.request_id).toBe(res.headers['x-request-id']);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect(handled).toEqual([]);
    const within = await send(`${server.url}/echo`, {
      method: 'POST',
      chunks: ['x'.repeat(5), 'y'.repeat(5)],
    });
    expect(within).toMatchObject({ status: 200, body: 'xxxxxyyyyy' });
  });

  it("answers a preflight as Hono's cors() does, with the request id and the security headers", async () => {
    handled.length = 0;
    const preflight = {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    };
    const res = await send(`${server.url}/echo`, preflight);
    const reference = new Hono();
    reference.use(
      cors({
        origin: ORIGIN,
        credentials: true,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allowHeaders: [
          'Content-Type',
          'Accept',
          'Authorization',
          'Cache-Control',
          'X-Session-ID',
          'X-Device-ID',
          'X-Request-ID',
          'X-Bridge-Secret',
        ],
        exposeHeaders: ['X-Request-ID', 'Retry-After'],
        maxAge: 600,
      }),
    );
    const expected = await reference.request('/echo', preflight);
    expect(res.status).toBe(expected.status);
    for (const [name, value] of expected.headers) expect(res.headers[name]).toBe(value);
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(handled).toEqual([]);
  });
});
