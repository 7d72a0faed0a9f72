/**
 * The hosted pages around sign-in: the forgotten-password pair, sign-in links by email, and the
 * return of a social login (sign-up and verification are in pages-auth-sign-up.test.tsx). Mail
 * links point to these pages because the tests allow this server's URL in ALLOWED_REDIRECT_URLS;
 * tokens are read from the memory mailer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  freshDatabase,
  type Harness,
  lastMailText,
  login,
  loginStatus,
  seedUser,
  startFlowless,
  tokenFromMail,
} from './support/flowless-harness.js';
import { getPage, PAGE_LINK_ENV, PAGE_ORIGIN, postForm, sessionCookieOf } from './support/page-requests.js';

const PASSWORD = 'pages flows password';

describe('hosted pages: reset, sign-in links, social outcome', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_auth_flows'), {
      env: PAGE_LINK_ENV,
    });
  });
  afterAll(() => h.stop());

  it('mails a reset link for a known address only, answering both alike', async () => {
    await seedUser(h, { email: 'forgot@example.test', password: PASSWORD });
    const form = await (await getPage(h, '/forgot-password')).text();
    expect(form).toContain('<label for="field-email">Email</label>');
    const bad = await postForm(h, '/forgot-password', { email: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="field-email-error">Enter a valid email address.</p>');

    const known = await postForm(h, '/forgot-password', { email: 'forgot@example.test' });
    const unknown = await postForm(h, '/forgot-password', { email: 'ghost@example.test' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const knownText = await known.text();
    expect(knownText).toContain('If the address has an account, we sent it a link to choose a new password.');
    expect(knownText.replace(/nonce="[^"]+"/g, '')).toBe(
      (await unknown.text()).replace(/nonce="[^"]+"/g, ''),
    );
    await h.drain();
    expect(lastMailText(h, 'forgot@example.test', 'password_reset')).toContain(
      `${PAGE_ORIGIN}/reset-password#token=`,
    );
    expect(h.mailer.messages.some((m) => m.to === 'ghost@example.test')).toBe(false);
  });

  it('resets the password: a refused one keeps the link, the new one ends every session', async () => {
    const old = await login(h, 'forgot@example.test', PASSWORD);
    const token = tokenFromMail(h, 'forgot@example.test', 'password_reset');
    const page = await (await getPage(h, '/reset-password')).text();
    expect(page).toContain('<label for="field-password">New password</label>');
    expect(page).toContain("const key = 'flowless:reset-token'");

    const weak = await postForm(h, '/reset-password', { token, password: 'short' });
    expect(weak.status).toBe(400);
    const weakBody = await weak.text();
    expect(weakBody).toMatch(/id="field-password-error">Password must be at least 8 characters/);
    expect(weakBody).not.toContain(token);

    const done = await postForm(h, '/reset-password', { token, password: 'a brand new password' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/sign-in?done=reset');
    expect((await call(h, 'GET', '/auth/validation', { session: old })).status).toBe(401);
    expect(await loginStatus(h, 'forgot@example.test', 'a brand new password')).toBe(200);
    expect(await (await getPage(h, '/sign-in?done=reset')).text()).toContain('Your password was changed');

    const reused = await postForm(h, '/reset-password', { token, password: 'another new password' });
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('This link is not valid');
    const foreign = await postForm(
      h,
      '/reset-password',
      { token, password: 'x'.repeat(12) },
      { origin: 'https://attacker.example' },
    );
    expect(foreign.status).toBe(403);
  });

  it('signs in with a link by email: check your mail, then the landing signs in once', async () => {
    await seedUser(h, { email: 'linked@example.test', password: PASSWORD });
    const asked = await postForm(h, '/sign-in/link/request', { link_email: 'linked@example.test' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('If the address has an account, we sent it a sign-in link.');
    await h.drain();
    expect(lastMailText(h, 'linked@example.test', 'token_login')).toContain(
      `${PAGE_ORIGIN}/sign-in/link#token=`,
    );

    const badAddress = await postForm(h, '/sign-in/link/request', { link_email: 'nope' });
    expect(badAddress.status).toBe(400);
    expect(await badAddress.text()).toContain('id="field-link_email-error">Enter a valid email address.</p>');

    const token = tokenFromMail(h, 'linked@example.test', 'token_login');
    expect(await (await getPage(h, '/sign-in/link')).text()).toContain('Sign in</button>');
    const used = await postForm(h, '/sign-in/link', { token });
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe('/account');
    const session = sessionCookieOf(used) ?? '';
    expect((await call(h, 'GET', '/auth/validation', { session })).status).toBe(200);

    const again = await postForm(h, '/sign-in/link', { token });
    expect(again.status).toBe(400);
    expect(sessionCookieOf(again)).toBeNull();
    expect(await again.text()).toContain('This link is not valid');
  });

  it('puts the outcome of a social login in words, and follows only an allowed redirect', async () => {
    const mismatch = await getPage(
      h,
      '/sign-in/social?social_login=error&error=state_mismatch&provider=github',
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('This login was started in another browser');
    const odd = await getPage(
      h,
      `/sign-in/social?social_login=error&error=${encodeURIComponent('<b>x</b>')}`,
    );
    const oddBody = await odd.text();
    expect(oddBody).toContain('did not complete');
    expect(oddBody).not.toContain('<b>x</b>');

    const pending = await getPage(
      h,
      '/sign-in/social?social_login=success&requires_2fa=true&redirect=%2Faccount%2Fx',
    );
    expect(pending.headers.get('location')).toBe('/sign-in/two-factor?redirect=%2Faccount%2Fx');
    const session = await login(h, 'linked@example.test', PASSWORD);
    for (const [redirect, location] of [
      ['/account/x', '/account/x'],
      ['//evil.example', '/account'],
      ['https://evil.example/', '/account'],
    ]) {
      const res = await getPage(
        h,
        `/sign-in/social?social_login=success&redirect=${encodeURIComponent(redirect ?? '')}`,
        {
          session,
        },
      );
      expect(res.headers.get('location'), redirect).toBe(location);
    }
  });
});
