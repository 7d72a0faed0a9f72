/**
 * The demo console at `/` against the Flowless contract server on libSQL (the item functions
 * underneath are tested on every database by starter-api.test.ts): the sign-in link, the nonce
 * CSP, listing and creating items through the form, origin checks, field errors, and a session
 * that Flowless ended.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '#test-support/databases.js';
import { within } from '../../../test/e2e/support/e2e-system.js';
import { createStarterApp } from '../src/app.js';
import { type StarterHarness, startStarter } from './support.js';

const STARTER = 'http://starter.test';
const FLOWLESS = 'https://auth.example.com';

describe('the starter console', () => {
  let h: StarterHarness;

  const page = async (session?: string, path = '/') => {
    const res = await h.app.request(
      `${STARTER}${path}`,
      session ? { headers: { Cookie: `session_id=${session}` } } : {},
    );
    return { status: res.status, headers: res.headers, html: await res.text() };
  };
  const post = async (path: string, form: Record<string, string>, headers: Record<string, string>) => {
    const res = await h.app.request(`${STARTER}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  const fromHere = (session: string) => ({ Origin: STARTER, Cookie: `session_id=${session}` });
  const titlesOf = async (userId: string): Promise<string[]> => {
    const res = await h.app.request(`/bridge/items?owner_id:eq=${userId}&limit=100`);
    return ((await res.json()) as { data: { title: string }[] }).data.map((item) => item.title);
  };
  const createJson = (session: string, item: Record<string, unknown>) =>
    h.app.request('/api/v1/items', {
      method: 'POST',
      headers: { 'X-Session-ID': session, 'Content-Type': 'application/json' },
      body: JSON.stringify(item),
    });

  beforeAll(async () => {
    h = await startStarter(await testDatabaseUrl('libsql', 'starter_console'), {
      FLOWLESS_PUBLIC_URL: FLOWLESS,
    });
  });
  afterAll(async () => h?.close());

  it('signed out, says what this is and links to the hosted sign-in page with this console as the encoded redirect', async () => {
    const { status, html } = await page();
    expect(status).toBe(200);
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain('<h1>Flowfull starter console</h1>');
    expect(html).toContain(`href="${FLOWLESS}/sign-in?redirect=http%3A%2F%2Fstarter.test%2F"`);
    expect(html).not.toContain('id="new-item"');
  });

  it('returns to PUBLIC_URL when it is set (a proxy that ends TLS)', async () => {
    const behindProxy = createStarterApp({
      ...h.services,
      config: { ...h.config, PUBLIC_URL: 'https://example.com/ignored/path' },
    });
    const html = await (await behindProxy.request('http://10.0.0.7:3001/')).text();
    expect(html).toContain(`href="${FLOWLESS}/sign-in?redirect=https%3A%2F%2Fexample.com%2F"`);
  });

  it('sends a strict CSP with a new nonce per answer, carried by its script, and no-store', async () => {
    const nonces: string[] = [];
    for (const session of [undefined, h.session(`csp-${randomUUID()}`)]) {
      const { headers, html } = await page(session);
      const policy = headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
      expect(nonce).not.toBe('');
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain(`form-action 'self' ${FLOWLESS}`);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe');
      expect(headers.get('cache-control')).toBe('no-store');
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    const css = await h.app.request('/console.css');
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('signed in by the session cookie, shows who it is and lists their own items only', async () => {
    const me = `me-${randomUUID()}`;
    const session = h.session(me);
    const stranger = h.session(`stranger-${randomUUID()}`);
    expect((await createJson(session, { title: 'my <b>list</b>' })).status).toBe(201);
    expect((await createJson(stranger, { title: 'their public item', is_public: true })).status).toBe(201);
    for (const cookie of [`session_id=${session}`, `__Host-session_id=${session}`]) {
      const res = await h.app.request(`${STARTER}/`, { headers: { Cookie: cookie } });
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain(`Signed in as <strong>${me}@example.com</strong> (customer)`);
      expect(html).toContain('<td>my &lt;b&gt;list&lt;/b&gt;</td>');
      expect(html).not.toContain('their public item');
      expect(html).toContain('Items (1)');
      expect(html).toContain(`action="${FLOWLESS}/sign-out"`);
    }
    // A session id in the URL does not sign a page in: URLs end up in logs.
    expect((await page(undefined, `/?session_id=${session}`)).html).toContain('id="sign-in"');
  });

  it('creates an item through the form (303 back to /), with the JSON routes seeing it', async () => {
    const me = `creator-${randomUUID()}`;
    const session = h.session(me);
    const created = await post(
      '/console/items',
      { title: 'milk', description: 'two litres', is_public: 'on' },
      fromHere(session),
    );
    expect(created.status).toBe(303);
    expect(created.location).toBe('/?done=created');
    const after = await page(session, '/?done=created');
    expect(after.html).toContain('<p class="notice success" role="status">Item created.</p>');
    expect(after.html).toContain('<td>milk</td><td>Public</td>');
    const listed = await h.app.request(`/bridge/items?owner_id:eq=${me}`);
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([
      expect.objectContaining({ title: 'milk', description: 'two litres', is_public: true, owner_id: me }),
    ]);
    expect((await page(session, '/?done=constructor')).html).not.toContain('class="notice');
  });

  it('refuses a form post from a foreign origin, a cross-site one without Origin, or one with no session', async () => {
    const me = `target-${randomUUID()}`;
    const session = h.session(me);
    const cookie = `session_id=${session}`;
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://attacker.example', Cookie: cookie },
      { 'Sec-Fetch-Site': 'cross-site', Cookie: cookie },
      { Origin: 'https://attacker.example' },
    ]) {
      const res = await post('/console/items', { title: 'forged' }, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(res.html)).toMatchObject({ success: false, code: 'CSRF_REJECTED' });
    }
    const anonymous = await post('/console/items', { title: 'forged' }, { Origin: STARTER });
    expect(anonymous.status).toBe(401);
    expect(anonymous.html).toContain('role="alert"');
    expect(anonymous.html).toContain('id="sign-in"');
    expect(await titlesOf(me)).toEqual([]);
  });

  it('shows an error next to each bad field (empty title, overlong description), keeping what was typed', async () => {
    const me = `typo-${randomUUID()}`;
    const session = h.session(me);
    const empty = await post('/console/items', { title: '   ', description: 'kept text' }, fromHere(session));
    expect(empty.status).toBe(422);
    expect(empty.html).toMatch(
      /<input id="field-title"[^>]*aria-invalid="true" aria-describedby="field-title-error"/,
    );
    expect(empty.html).toContain(
      '<p class="field-error" id="field-title-error">Enter a title of 1 to 200 characters.</p>',
    );
    expect(empty.html).toContain('>kept text</textarea>');
    const long = await post(
      '/console/items',
      { title: 'ok', description: 'x'.repeat(5001) },
      fromHere(session),
    );
    expect(long.status).toBe(422);
    expect(long.html).toContain('id="field-description-error">Keep the description to 5000 characters.</p>');
    expect(long.html).not.toContain('id="field-title-error"');
    expect(await titlesOf(me)).toEqual([]);
  });

  it("deletes one's own item, and refuses someone else's with the ownership rule (404 private, 403 public)", async () => {
    const owner = h.session(`owner-${randomUUID()}`);
    const other = h.session(`other-${randomUUID()}`);
    const ids: string[] = [];
    for (const item of [{ title: 'secret' }, { title: 'open', is_public: true }]) {
      ids.push(((await (await createJson(owner, item)).json()) as { data: { id: string } }).data.id);
    }
    const [secret, open] = ids as [string, string];
    const notFound = await post(`/console/items/${secret}/delete`, {}, fromHere(other));
    expect(notFound.status).toBe(404);
    expect(notFound.html).toContain('Not deleted: Item not found.');
    expect((await post(`/console/items/${open}/delete`, {}, fromHere(other))).status).toBe(403);
    const deleted = await post(`/console/items/${secret}/delete`, {}, fromHere(owner));
    expect(deleted).toMatchObject({ status: 303, location: '/?done=deleted' });
    const after = (await page(owner, '/?done=deleted')).html;
    expect(after).toContain('Item deleted.');
    expect(after).not.toContain('<td>secret</td>');
    expect(after).toContain('<td>open</td>');
  });

  it('refuses, on the next click, a session that Flowless ended', async () => {
    const me = `ended-${randomUUID()}`;
    const session = h.session(me);
    expect((await page(session)).html).toContain('id="signed-in-as"');
    // Flowless's logout: the session is gone there and the revocation goes out on its feed.
    h.flowless.removeSession(session);
    h.flowless.publishRevocation({ type: 'user.sessions_revoked', user_id: me });
    expect(
      await within(10_000, async () => (await page(session)).html.includes('id="sign-in"')),
    ).not.toBeNull();
    const refused = await post('/console/items', { title: 'after logout' }, fromHere(session));
    expect(refused.status).toBe(401);
    expect(await titlesOf(me)).toEqual([]);
  });
});
