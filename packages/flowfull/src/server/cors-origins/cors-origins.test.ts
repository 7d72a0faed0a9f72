import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { corsOrigins } from './index.js';

function app() {
  const a = new Hono();
  a.use(corsOrigins({ origins: ['https://app.example.com', 'http://localhost:5173/'] }));
  a.get('/data', (c) => c.json({ ok: true }));
  a.get('/crash', () => {
    throw new Error('boom');
  });
  return a;
}

describe('corsOrigins()', () => {
  it('echoes an allowed origin exactly, with credentials and the exposed request id header', async () => {
    const res = await app().request('/data', { headers: { Origin: 'https://app.example.com' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-ID');
  });

  it('normalises configured origins (a trailing slash still matches)', async () => {
    const res = await app().request('/data', { headers: { Origin: 'http://localhost:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('gives no allow-origin to an origin not on the list, nor to a look-alike', async () => {
    for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.io', 'null']) {
      const res = await app().request('/data', { headers: { Origin: origin } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('answers a preflight with the session headers allowed', async () => {
    const res = await app().request('/data', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'X-Session-ID',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('X-Session-ID');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('marks every answer Vary: Origin, with or without an Origin header', async () => {
    expect((await app().request('/data')).headers.get('vary')).toBe('Origin');
    const res = await app().request('/data', { headers: { Origin: 'https://evil.example.com' } });
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('puts the CORS headers on the answer of a handler that threw', async () => {
    const res = await app().request('/crash', { headers: { Origin: 'https://app.example.com' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('rejects something that is not an origin', () => {
    expect(() => corsOrigins({ origins: ['app.example.com'] })).toThrow(/not an origin/);
  });
});
