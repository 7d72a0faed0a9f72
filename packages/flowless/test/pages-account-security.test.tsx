/**
 * The account page `/account/security`: an authenticator app set up from a QR code (inline SVG)
 * and its key, confirmed by a code, then removed after a fresh proof; backup codes shown once;
 * the passkey button wired to the JSON passkey routes; another user's factor out of reach. One
 * database (libSQL), a frozen clock for the codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frozenClock } from '../src/runtime/clock.js';
import { totpCodeAt } from '../src/two-factor/totp.js';
import { fieldError, type PageBrowser, pageBrowser } from './support/account-pages.js';
import {
  call,
  freshDatabase,
  type Harness,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'account security password';
const STEP = 30_000;

describe('hosted pages: /account/security', () => {
  let h: Harness;
  let browser: PageBrowser;
  let userId: string;
  const clock = frozenClock(Date.UTC(2034, 0, 1));

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_account_security'), {
      clock,
      env: { SESSION_COOKIE_SECURE: 'false' },
    });
    const user = await signedInUser(h, { email: 'security-page@example.test', password: PASSWORD });
    userId = user.id;
    browser = pageBrowser(h, user.session);
  });
  afterAll(() => h.stop());

  const methodsOf = () => h.services.twoFactor.methodsOf(userId);
  let totpSecret = '';

  it('shows the authenticator app, passkeys and backup codes, with the passkey scripts', async () => {
    const html = await (await browser.get('/account/security')).text();
    expect(html).toContain('<h2 id="totp-heading">Authenticator app</h2>');
    expect(html).toContain('Set up an authenticator app');
    expect(html).toContain('<h2 id="passkeys-heading">Passkeys</h2>');
    expect(html).toMatch(
      /<button type="button" id="add-passkey" data-passkey="register" data-options-url="\/auth\/two_factor\/passkey\/setup" data-verify-url="\/auth\/two_factor\/verify">Add a passkey<\/button>/,
    );
    expect(html).toMatch(/<script src="\/assets\/webauthn-[0-9a-f]{12}\.js"/);
    expect(html).toMatch(/<script src="\/assets\/passkeys-[0-9a-f]{12}\.js"/);
    expect(html).toContain('Backup codes come with your first second factor.');
  });

  it('sets up an authenticator app: QR code and key shown, a wrong code refused, the right one turns it on with backup codes shown once', async () => {
    const setup = await browser.post('/account/security/totp/setup', {});
    expect(setup.status).toBe(200);
    const html = await setup.text();
    expect(html).toMatch(/<div class="qr" role="img" aria-label="[^"]+"><svg[^>]*>/);
    expect(html).not.toContain('<script>');
    const secret =
      html.match(/<code id="totp-secret" class="secret">([A-Z2-7 ]+)<\/code>/)?.[1]?.replace(/ /g, '') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    totpSecret = secret;
    const methodId = html.match(/name="method_id" value="([^"]+)"/)?.[1] ?? '';
    expect(html).toContain('<label for="field-code">Code from the app</label>');

    clock.advance(STEP);
    const right = totpCodeAt(secret, clock.now());
    const wrongCode = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await browser.post('/account/security/totp/confirm', {
      method_id: methodId,
      code: wrongCode,
    });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(fieldError(wrongHtml, 'code')).toBe('That code is not valid; try the next one');
    expect(wrongHtml).not.toContain(secret);
    expect((await methodsOf()).find((m) => m.id === methodId)?.status).toBe('pending_setup');

    const confirmed = await browser.post('/account/security/totp/confirm', {
      method_id: methodId,
      code: right,
    });
    expect(confirmed.status).toBe(200);
    const done = await confirmed.text();
    const codes = [...done.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1] ?? '');
    expect(codes.length).toBeGreaterThanOrEqual(8);
    expect((await methodsOf()).find((m) => m.id === methodId)?.status).toBe('active');
    expect((await h.services.users.findById(userId))?.twoFactor).toBe(true);

    const after = await (await browser.get('/account/security')).text();
    for (const code of codes) expect(after).not.toContain(code);
    expect(after).toContain('Remove authenticator app');
    expect(after).toContain(
      '<label for="field-verification_code">Or a code from your authenticator app</label>',
    );
    const login = await call(h, 'POST', '/auth/login', {
      body: { email: 'security-page@example.test', password: PASSWORD },
    });
    expect(login.body.requires_2fa).toBe(true);
  });

  it('gives new backup codes only for a fresh proof, and shows them once', async () => {
    const none = await browser.post('/account/security/backup-codes', {});
    expect(none.status).toBe(400);
    expect(fieldError(await none.text(), 'current_password')).toMatch(/^Enter your current password/);
    const wrong = await browser.post('/account/security/backup-codes', {
      current_password: 'not the password',
    });
    expect(fieldError(await wrong.text(), 'current_password')).toBe('Current password is incorrect');

    const fresh = await browser.post('/account/security/backup-codes', { current_password: PASSWORD });
    expect(fresh.status).toBe(200);
    const codes = [...(await fresh.text()).matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(codes.length).toBeGreaterThanOrEqual(8);
    const page = await (await browser.get('/account/security')).text();
    for (const code of codes) expect(page).not.toContain(code);

    // A code of the authenticator app is a proof too.
    clock.advance(STEP);
    const byCode = await browser.post('/account/security/backup-codes', {
      verification_code: totpCodeAt(totpSecret, clock.now()),
    });
    expect(byCode.status).toBe(200);
    expect(await byCode.text()).toContain('id="backup-codes"');
    const badCode = await browser.post('/account/security/backup-codes', { verification_code: '12345x' });
    expect(fieldError(await badCode.text(), 'verification_code')).toBe(
      'That code is not valid; try the next one',
    );
  });

  it("refuses another user's factor and a foreign-origin removal", async () => {
    const other = await signedInUser(h, { email: 'security-victim@example.test', password: PASSWORD });
    const started = await call(h, 'POST', '/auth/two_factor/totp/setup', { session: other.session });
    const theirs = started.body.method_id as string;
    expect((await browser.get(`/account/security/remove?method=${theirs}`)).status).toBe(404);
    const res = await browser.post('/account/security/remove', {
      method: theirs,
      current_password: PASSWORD,
    });
    expect(res.status).toBe(404);
    expect(await h.services.twoFactor.methodsOf(other.id)).toHaveLength(1);

    const totp = (await methodsOf()).find((m) => m.method === 'totp');
    const foreign = await browser.post(
      '/account/security/remove',
      { method: totp?.id ?? '', current_password: PASSWORD },
      'https://attacker.example',
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'CSRF_REJECTED' });
  });

  it('removes the authenticator app after a fresh proof (not its own code), which turns two-factor off', async () => {
    const totp = (await methodsOf()).find((m) => m.method === 'totp');
    const confirm = await (await browser.get(`/account/security/remove?method=${totp?.id}`)).text();
    expect(confirm).toContain('<label for="field-current_password">Current password</label>');
    expect(confirm).not.toContain('field-verification_code');

    const wrong = await browser.post('/account/security/remove', {
      method: totp?.id ?? '',
      current_password: 'nope nope',
    });
    expect(wrong.status).toBe(400);
    expect(fieldError(await wrong.text(), 'current_password')).toBe('Current password is incorrect');

    const removed = await browser.post('/account/security/remove', {
      method: totp?.id ?? '',
      current_password: PASSWORD,
    });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/account/security?done=removed');
    expect((await methodsOf()).filter((m) => m.method === 'totp')).toHaveLength(0);
    expect((await h.services.users.findById(userId))?.twoFactor).toBe(false);
    expect(await (await browser.get('/account/security?done=removed')).text()).toContain(
      'The second factor was removed.',
    );
  });

  it('answers the HTML error page (401), not JSON, to an account banned mid-session', async () => {
    const banned = await signedInUser(h, { email: 'banned-mid-session@example.test', password: PASSWORD });
    const page = pageBrowser(h, banned.session);
    const setup = await page.post('/account/security/totp/setup', {});
    const methodId = /name="method_id" value="([^"]+)"/.exec(await setup.text())?.[1] ?? '';
    expect(methodId).not.toBe('');
    // Banned behind the page's back: the session's validation is still cached, the user is not.
    await h.services.users.update(banned.id, { isBanned: true });
    const res = await page.post('/account/security/totp/confirm', { method_id: methodId, code: '123456' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<h1>Signed out</h1>');
    expect(html).toContain('Your sign-in has ended. Sign in again.');
    expect(html).toContain('href="/sign-in"');
  });
});
