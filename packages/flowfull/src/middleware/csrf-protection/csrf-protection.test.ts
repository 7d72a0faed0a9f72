import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { csrfProtection } from './index.js';

const OWN = 'http://localhost';

function app() {
  const ran: string[] = [];
  const hono = new Hono();
  hono.use(csrfProtection({ allowedOrigins: ['https://app.example.com'] }));
  hono.on(['POST', 'PUT', 'PATCH', 'DELETE', 'GET'], '/items', (c) => {
    ran.push(c.req.method);
    return c.json({ ok: true });
  });
  return { hono, ran };
}

async function send(method: string, headers: Record<string, string>) {
  const { hono, ran } = app();
  const res = await hono.request(`${OWN}/items`, { method, headers });
  return { res, ran };
}

const COOKIE = { Cookie: '__Host-session_id=abc' };

describe('csrfProtection()', () => {
  it('refuses a cookie-authenticated change from a foreign origin with 403 CSRF_REJECTED, the handler not run', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const { res, ran } = await send(method, { ...COOKIE, Origin: 'https://attacker.example' });
      expect(res.status).toBe(403);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ success: false, code: 'CSRF_REJECTED' });
      expect(body.error).toMatch(/allowed origin/);
      expect(ran).toEqual([]);
    }
  });

  it('refuses a same-site subdomain that is not allowed, and a look-alike or null origin', async () => {
    for (const origin of [
      'https://evil.example.com',
      'https://app.example.com.evil.io',
      'null',
      'http://app.example.com',
    ]) {
      const { res } = await send('POST', { ...COOKIE, Origin: origin });
      expect(res.status, origin).toBe(403);
    }
  });

  it('accepts an allowed origin and the server’s own origin', async () => {
    for (const origin of ['https://app.example.com', OWN]) {
      const { res, ran } = await send('POST', { ...COOKIE, Origin: origin });
      expect(res.status, origin).toBe(200);
      expect(ran).toEqual(['POST']);
    }
  });

  it('without Origin, accepts Sec-Fetch-Site same-origin or none and refuses same-site and cross-site', async () => {
    expect((await send('POST', { ...COOKIE, 'Sec-Fetch-Site': 'same-origin' })).res.status).toBe(200);
    expect((await send('POST', { ...COOKIE, 'Sec-Fetch-Site': 'none' })).res.status).toBe(200);
    expect((await send('POST', { ...COOKIE, 'Sec-Fetch-Site': 'same-site' })).res.status).toBe(403);
    expect((await send('POST', { ...COOKIE, 'Sec-Fetch-Site': 'cross-site' })).res.status).toBe(403);
  });

  it('refuses a cookie-authenticated change with neither Origin nor Sec-Fetch-Site', async () => {
    const { res, ran } = await send('DELETE', COOKIE);
    expect(res.status).toBe(403);
    expect(ran).toEqual([]);
  });

  it('reads every default session cookie name, and ignores an empty one', async () => {
    for (const cookie of ['session_id=a', 'sessionId=a', 'theme=dark; session_id=a']) {
      expect(
        (await send('POST', { Cookie: cookie, Origin: 'https://attacker.example' })).res.status,
        cookie,
      ).toBe(403);
    }
    expect(
      (await send('POST', { Cookie: 'session_id=', Origin: 'https://attacker.example' })).res.status,
    ).toBe(200);
  });

  it('lets header-authenticated requests, cookie-less requests and reads through from anywhere', async () => {
    const foreign = { Origin: 'https://attacker.example' };
    expect((await send('POST', { ...COOKIE, ...foreign, 'X-Session-ID': 'abc' })).res.status).toBe(200);
    expect((await send('POST', { ...COOKIE, ...foreign, Authorization: 'Bearer abc' })).res.status).toBe(200);
    expect((await send('POST', { ...foreign, Cookie: 'theme=dark' })).res.status).toBe(200);
    expect((await send('POST', foreign)).res.status).toBe(200);
    expect((await send('GET', { ...COOKIE, ...foreign })).res.status).toBe(200);
  });

  it('follows configured cookie names and auth headers', async () => {
    const hono = new Hono();
    hono.use(csrfProtection({ allowedOrigins: [], cookieNames: ['sid'], authHeaders: ['X-Api-Key'] }));
    hono.post('/x', (c) => c.json({ ok: true }));
    const foreign = { Origin: 'https://attacker.example' };
    expect(
      (await hono.request('/x', { method: 'POST', headers: { ...foreign, Cookie: 'sid=1' } })).status,
    ).toBe(403);
    expect(
      (await hono.request('/x', { method: 'POST', headers: { ...foreign, Cookie: 'session_id=1' } })).status,
    ).toBe(200);
    const keyed = { ...foreign, Cookie: 'sid=1', 'X-Api-Key': 'k' };
    expect((await hono.request('/x', { method: 'POST', headers: keyed })).status).toBe(200);
  });

  it('with everyRequest, checks cookie-less changes too (sign-in forms) and still lets reads through', async () => {
    const hono = new Hono();
    hono.use(csrfProtection({ allowedOrigins: [], everyRequest: true }));
    hono.on(['POST', 'GET'], '/sign-in', (c) => c.json({ ok: true }));
    const post = (headers: Record<string, string>) =>
      hono.request(`${OWN}/sign-in`, { method: 'POST', headers });
    expect((await post({ Origin: 'https://attacker.example' })).status).toBe(403);
    expect((await post({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ Origin: OWN })).status).toBe(200);
    expect((await post({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect(
      (await hono.request(`${OWN}/sign-in`, { headers: { Origin: 'https://attacker.example' } })).status,
    ).toBe(200);
  });

  it('rejects an allowed origin that is not an origin', () => {
    expect(() => csrfProtection({ allowedOrigins: ['app.example.com'] })).toThrow(/not an origin/);
    expect(() => csrfProtection({} as never)).toThrow(/allowedOrigins/);
  });
});
