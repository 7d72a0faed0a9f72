import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socketAddress } from './node-incoming.js';
import { type RunningServer, serve } from './serve/serve.js';

describe('socketAddress()', () => {
  const app = new Hono();
  app.get('/peer', (c) => c.json({ peer: socketAddress(c) }));
  let server: RunningServer;

  beforeAll(async () => {
    server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: [] });
  });
  afterAll(() => server.close());

  it('is the TCP peer on @hono/node-server, whatever X-Forwarded-For says', async () => {
    const response = await fetch(`${server.url}/peer`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(await response.json()).toEqual({ peer: '127.0.0.1' });
  });

  it('is null without a socket (app.request)', async () => {
    expect(await (await app.request('/peer')).json()).toEqual({ peer: null });
  });
});
