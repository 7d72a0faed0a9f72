import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../security-headers/index.js';
import { pageContentSecurityPolicy, pageSecurity } from './index.js';

describe('pageSecurity()', () => {
  it('builds a policy that allows scripts only with the nonce and forms to self and the given origins', () => {
    const policy = pageContentSecurityPolicy('n0nce', ['https://auth.example.com']);
    expect(policy.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'nonce-n0nce'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self' https://auth.example.com",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]);
    expect(policy).not.toContain('unsafe');
  });

  it('gives every answer a new nonce, sends it in the policy, and keeps it past securityHeaders()', async () => {
    const app = new Hono();
    app.use(securityHeaders());
    app.get('/', pageSecurity([]), (c) => c.html(`<script nonce="${c.get('cspNonce')}"></script>`));
    const answers = await Promise.all([app.request('/'), app.request('/')]);
    const nonces = await Promise.all(
      answers.map(async (res) => {
        const nonce = /nonce="([^"]+)"/.exec(await res.text())?.[1] ?? '';
        expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
        expect(res.headers.get('content-security-policy')).toBe(pageContentSecurityPolicy(nonce, []));
        expect(res.headers.get('cache-control')).toBe('no-store');
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
