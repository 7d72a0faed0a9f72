import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
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

  it("sends exactly the headers of Hono's secure-headers with the same options, and drops X-Powered-By", async () => {
    const answer = (app: Hono) => {
      app.get('/', (c) => c.json({}, 200, { 'X-Powered-By': 'test' }));
      return app.request('/');
    };
    for (const hsts of [true, false]) {
      const ours = new Hono();
      ours.use(securityHeaders({ hsts }));
      const hono = new Hono();
      hono.use(
        secureHeaders({
          contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
          strictTransportSecurity: hsts ? 'max-age=31536000; includeSubDomains' : false,
          referrerPolicy: 'no-referrer',
          xFrameOptions: 'DENY',
        }),
      );
      const [a, b] = [await answer(ours), await answer(hono)];
      expect([...a.headers]).toEqual([...b.headers]);
      expect(a.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('replaces a value the handler set', async () => {
    const app = new Hono();
    app.use(securityHeaders());
    app.get('/', (c) => c.json({}, 200, { 'X-Frame-Options': 'SAMEORIGIN' }));
    expect((await app.request('/')).headers.get('x-frame-options')).toBe('DENY');
  });

  it("keeps a Content-Security-Policy the handler set (a page's nonce policy), and sets it otherwise", async () => {
    const app = new Hono();
    app.use(securityHeaders());
    const policy = "default-src 'none'; script-src 'nonce-abc'";
    app.get('/page', (c) => c.html('<p>page</p>', 200, { 'Content-Security-Policy': policy }));
    app.get('/api', (c) => c.json({}));
    expect((await app.request('/page')).headers.get('content-security-policy')).toBe(policy);
    expect((await app.request('/page')).headers.get('x-frame-options')).toBe('DENY');
    expect((await app.request('/api')).headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });
});
