import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { serve } from '../serve/index.js';
import { requestId } from './index.js';

function app(options?: Parameters<typeof requestId>[0]) {
  const a = new Hono();
  a.use(requestId(options));
  a.get('/', (c) => c.text(c.get('requestId')));
  return a;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestId()', () => {
  it('keeps a well-formed incoming X-Request-ID and echoes it', async () => {
    const res = await app().request('/', { headers: { 'X-Request-ID': 'abc-123_X=' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123_X=');
    expect(await res.text()).toBe('abc-123_X=');
  });

  it('replaces an incoming id with unsafe characters by a UUID', async () => {
    const res = await app().request('/', { headers: { 'X-Request-ID': 'a b "forged" {log}' } });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('replaces an incoming id longer than limitLength', async () => {
    const res = await app({ limitLength: 8 }).request('/', { headers: { 'X-Request-ID': 'x'.repeat(9) } });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('generates one when the request has none', async () => {
    const res = await app({ generator: () => 'fixed' }).request('/');
    expect(res.headers.get('x-request-id')).toBe('fixed');
  });

  it('rejects a limitLength below 1', () => {
    expect(() => requestId({ limitLength: 0 })).toThrow(/limitLength/);
  });

  it('reads the incoming id from the Node request on @hono/node-server', async () => {
    const server = await serve(app(), { port: 0, hostname: '127.0.0.1', signals: [] });
    try {
      const kept = await fetch(`${server.url}/`, { headers: { 'X-Request-ID': 'node-id-1' } });
      expect(kept.headers.get('x-request-id')).toBe('node-id-1');
      expect(await kept.text()).toBe('node-id-1');
      const replaced = await fetch(`${server.url}/`, { headers: { 'X-Request-ID': 'a b' } });
      expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    } finally {
      await server.close();
    }
  });
});
