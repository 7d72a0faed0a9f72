/**
 * The frame of the hosted pages: hashed, long-cached assets; a fresh script nonce per answer in a
 * strict Content-Security-Policy; `/` sending people where they belong; sign-out ending the
 * session; every form post origin-checked; accessible form parts. One database (libSQL): nothing
 * here depends on the dialect.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowlessEnv } from '../src/http/flowless-env.js';
import { Field, FormError, SelectField } from '../src/pages/form-fields.js';
import { loadPageAssets } from '../src/pages/page-assets.js';
import { createPageRouter, pageRoutesOf } from '../src/pages/page-router.js';
import {
  call,
  freshDatabase,
  type Harness,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

const ORIGIN = 'http://flowless.test';
const PASSWORD = 'pages foundation password';

const nonceOf = (policy: string | null) => policy?.match(/script-src 'nonce-([^']+)'/)?.[1];

describe('hosted pages: the frame', () => {
  let h: Harness;
  let session: string;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_foundation'), {
      env: { SESSION_COOKIE_SECURE: 'false' },
    });
    ({ session } = await signedInUser(h, { email: 'frame@example.test', password: PASSWORD }));
  });
  afterAll(() => h.stop());

  it('serves each asset under a content-hash name, cacheable for a year, with its type', async () => {
    const assets = loadPageAssets();
    for (const [name, asset] of Object.entries(assets)) {
      expect(asset.path).toMatch(new RegExp(`^/assets/${name.replace('.', '-[0-9a-f]{12}\\.')}$`));
      const res = await h.app.request(asset.path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toBe(asset.contentType);
      expect(await res.text()).toBe(asset.body);
    }
    expect((await h.app.request('/assets/pages-000000000000.css')).status).toBe(404);
  });

  it('keeps the passkey script small: the browser bundle of @simplewebauthn, no CDN', () => {
    const { body } = loadPageAssets()['webauthn.js'];
    expect(body).toContain('SimpleWebAuthnBrowser');
    expect(body).not.toMatch(/https?:\/\/cdn/);
  });

  it('sends / to sign in when signed out and to the account page when signed in', async () => {
    const out = await h.app.request(`${ORIGIN}/`);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/sign-in');
    const inside = await h.app.request(`${ORIGIN}/`, { headers: { Cookie: `session_id=${session}` } });
    expect(inside.headers.get('location')).toBe('/account');
  });

  it('refuses a sign-out posted from another origin, and ends the session from its own', async () => {
    const { session: mine } = await signedInUser(h, { email: 'out@example.test', password: PASSWORD });
    const cookie = `session_id=${mine}`;
    const foreign = await h.app.request(`${ORIGIN}/sign-out`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'https://attacker.example' },
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    expect((await call(h, 'GET', '/auth/validation', { session: mine })).status).toBe(200);

    const own = await h.app.request(`${ORIGIN}/sign-out`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: ORIGIN },
    });
    expect(own.status).toBe(303);
    expect(own.headers.get('location')).toBe('/sign-in');
    expect(own.headers.get('set-cookie')).toMatch(/^session_id=;.*Max-Age=0/);
    expect((await call(h, 'GET', '/auth/validation', { session: mine })).status).toBe(401);
  });

  it('lists its routes for the API description to leave out', () => {
    const routes = pageRoutesOf(h.app);
    expect(routes.has('get /')).toBe(true);
    expect(routes.has('post /sign-out')).toBe(true);
    expect([...routes].some((route) => route.includes('/auth/'))).toBe(false);
  });

  describe('a page', () => {
    const app = new Hono<FlowlessEnv>();
    beforeAll(() => {
      const pages = createPageRouter(app, h.services, loadPageAssets());
      pages.get('/example', (c) =>
        pages.render(
          c,
          { title: 'Example', scripts: ['webauthn.js'], inlineScript: 'window.example = 1;' },
          <form method="post">
            <FormError errors={{ form: 'Something went wrong' }} />
            <Field
              name="email"
              label="Email"
              type="email"
              errors={{ email: 'Enter an email' }}
              hint="Yours"
            />
            <Field name="password" label="Password" type="password" value="never shown" />
          </form>,
        ),
      );
    });

    it('carries a new nonce in a strict policy, on every script and nowhere else', async () => {
      const first = await app.request(`${ORIGIN}/example`);
      const second = await app.request(`${ORIGIN}/example`);
      const policy = first.headers.get('content-security-policy');
      const nonce = nonceOf(policy);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonce);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("form-action 'self' https://app.example.test");
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(first.headers.get('cache-control')).toBe('no-store');
      const body = await first.text();
      expect(body.startsWith('<!doctype html><html lang="en">')).toBe(true);
      const scripts = body.match(/<script[^>]*>/g) ?? [];
      expect(scripts).toHaveLength(3);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    });

    it('ties each field to its label, hint and error, and never echoes a password', async () => {
      const body = await (await app.request(`${ORIGIN}/example`)).text();
      expect(body).toContain('<label for="field-email">Email</label>');
      expect(body).toMatch(/<input id="field-email"[^>]*aria-invalid="true"/);
      expect(body).toMatch(/aria-describedby="field-email-hint field-email-error"/);
      expect(body).toContain('<p class="field-error" id="field-email-error">Enter an email</p>');
      expect(body).toContain('role="alert"');
      expect(body).not.toContain('never shown');
    });
  });
});

describe('hosted pages: a drop-down', () => {
  const options = [
    ['', 'Any'],
    ['a', 'First'],
    ['b', 'Second'],
  ] as const;

  it('labels it and marks the chosen option only', () => {
    const html = String(<SelectField name="kind" label="Kind" value="b" options={options} />);
    expect(html).toContain('<label for="field-kind">Kind</label><select id="field-kind" name="kind">');
    expect(html).toContain('<option value="">Any</option><option value="a">First</option>');
    expect(html).toContain('<option value="b" selected="">Second</option>');
    expect(html).not.toContain('field-error');
  });

  it('ties its error to it', () => {
    const html = String(
      <SelectField
        name="kind"
        label="Kind"
        value=""
        options={options}
        errors={{ kind: 'Pick a known kind' }}
      />,
    );
    expect(html).toContain('aria-invalid="true" aria-describedby="field-kind-error"');
    expect(html).toContain('<p class="field-error" id="field-kind-error">Pick a known kind</p>');
  });
});
