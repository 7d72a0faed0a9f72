import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './index.js';

describe('securityHeaders()', () => {
  it('sends nosniff, DENY framing, no referrer, a locked-down CSP and HSTS', async () => {
    const app = new Hono();
    app.use(securityHeaders());
    app.get('/', (c) => c.json({}));
    const res = await app.request('/');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=31536000');
  });

  it('leaves HSTS out when hsts is off', async () => {
    const app = new Hono();
    app.use(securityHeaders({ hsts: false }));
    app.get('/', (c) => c.json({}));
    expect((await app.request('/')).headers.get('strict-transport-security')).toBeNull();
  });
});
