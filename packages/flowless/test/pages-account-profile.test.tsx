/**
 * The account page `/account`: signed-out visitors go to sign in and come back; the profile,
 * picture and password forms work without script, show refusals next to their fields, and are
 * refused from another origin. One database (libSQL): the services underneath are tested on all
 * three.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fieldError,
  ORIGIN,
  type PageBrowser,
  pageBrowser,
  setSessionCookie,
} from './support/account-pages.js';
import {
  call,
  freshDatabase,
  type Harness,
  loginStatus,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';
import { png } from './support/picture-fixtures.js';

const PASSWORD = 'account page password';

describe('hosted pages: /account', () => {
  let h: Harness;
  let dataDir: string;
  let browser: PageBrowser;
  let userId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'flowless-account-pages-'));
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_account_profile'), {
      env: { SESSION_COOKIE_SECURE: 'false', DATA_DIR: dataDir, PICTURE_MAX_BYTES: '4096' },
    });
    const user = await signedInUser(h, { email: 'profile@example.test', password: PASSWORD });
    userId = user.id;
    browser = pageBrowser(h, user.session);
  });
  afterAll(async () => {
    await h.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends a signed-out visitor of any account page to sign in, and back afterwards', async () => {
    for (const path of [
      '/account',
      '/account/security',
      '/account/sessions',
      '/account/tokens',
      '/account/connections',
    ]) {
      const res = await pageBrowser(h, null).get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(`/sign-in?redirect=${encodeURIComponent(path)}`);
    }
    const post = await pageBrowser(h, null).post('/account/profile', { name: 'Nobody' });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/sign-in?redirect=%2Faccount%2Fprofile');
  });

  it('shows the profile, picture and password forms with their labels', async () => {
    const res = await browser.get('/account');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/<h1>/g)).toHaveLength(1);
    for (const [id, label] of [
      ['name', 'First name'],
      ['last_name', 'Last name'],
      ['user_name', 'Username'],
      ['phone', 'Phone'],
      ['picture', 'New picture'],
      ['current_password', 'Current password'],
      ['new_password', 'New password'],
      ['confirm_password', 'New password again'],
    ]) {
      expect(html).toContain(`<label for="field-${id}">${label}</label>`);
    }
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('profile@example.test');
    expect(html).toContain('aria-current="page"');
  });

  it('saves the profile and says so; a bad username is refused next to its field', async () => {
    const saved = await browser.post('/account/profile', {
      name: 'Ada',
      last_name: 'Lovelace',
      user_name: 'ada.l',
      phone: '',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account?done=profile');
    const me = await h.services.users.findById(userId);
    expect(me).toMatchObject({ name: 'Ada', lastName: 'Lovelace', username: 'ada.l' });
    expect(await (await browser.get('/account?done=profile')).text()).toContain('Profile saved.');

    const bad = await browser.post('/account/profile', { name: 'Ada', user_name: 'no spaces allowed' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(fieldError(html, 'user_name')).toMatch(/^Username must be 3-64/);
    expect(html).toContain('value="no spaces allowed"');
    expect((await h.services.users.findById(userId))?.username).toBe('ada.l');
  });

  it('refuses a username another account holds, next to the field', async () => {
    await signedInUser(h, {
      email: 'other-profile@example.test',
      password: PASSWORD,
      username: 'taken_name',
    });
    const res = await browser.post('/account/profile', { user_name: 'taken_name' });
    expect(res.status).toBe(409);
    expect(fieldError(await res.text(), 'user_name')).toBe('That username is taken');
  });

  it('refuses a form posted from another origin', async () => {
    const res = await browser.post('/account/profile', { name: 'Mallory' }, 'https://attacker.example');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    expect((await h.services.users.findById(userId))?.name).toBe('Ada');
  });

  it('uploads, shows and removes a picture; a wrong type or too large a file is refused next to the field', async () => {
    const form = new FormData();
    form.set('picture', new Blob([png(4, 4)], { type: 'image/png' }), 'me.png');
    const uploaded = await browser.post('/account/picture', form);
    expect(uploaded.status).toBe(303);
    const picture = (await h.services.users.findById(userId))?.picture;
    expect(picture).toMatch(/\/auth\/upload\/picture\/[0-9a-f]{64}\.png$/);
    const page = await (await browser.get('/account?done=picture')).text();
    expect(page).toContain(`src="${picture}"`);
    expect(page).toContain('Remove picture');

    const text = new FormData();
    text.set(
      'picture',
      new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/png' }),
      'x.png',
    );
    const wrongType = await browser.post('/account/picture', text);
    expect(wrongType.status).toBe(422);
    expect(fieldError(await wrongType.text(), 'picture')).toBe(
      'The picture must be a JPEG, PNG or WebP image',
    );

    const big = new FormData();
    big.set('picture', new Blob([png(4, 4), Buffer.alloc(8192)], { type: 'image/png' }), 'big.png');
    const tooLarge = await browser.post('/account/picture', big);
    expect(tooLarge.status).toBe(422);
    expect(fieldError(await tooLarge.text(), 'picture')).toBe('Picture exceeds 4096 bytes');

    const none = await browser.post('/account/picture', new FormData());
    expect(fieldError(await none.text(), 'picture')).toBe('Choose a picture to upload');

    const removed = await browser.post('/account/picture/remove', {});
    expect(removed.headers.get('location')).toBe('/account?done=picture-removed');
    expect((await h.services.users.findById(userId))?.picture).toBeNull();
  });

  it('changes the password: the old one is refused afterwards, other sessions end, this browser stays in', async () => {
    const email = 'password-page@example.test';
    const { session } = await signedInUser(h, { email, password: PASSWORD });
    const other = await call(h, 'POST', '/auth/login', { body: { email, password: PASSWORD } });
    const mine = pageBrowser(h, session);

    const mismatch = await mine.post('/account/password', {
      current_password: PASSWORD,
      new_password: 'a brand new passphrase',
      confirm_password: 'something else',
    });
    expect(mismatch.status).toBe(422);
    expect(fieldError(await mismatch.text(), 'confirm_password')).toBe('The two new passwords differ');

    const wrong = await mine.post('/account/password', {
      current_password: 'not my password',
      new_password: 'a brand new passphrase',
      confirm_password: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(fieldError(wrongHtml, 'current_password')).toBe('Current password is incorrect');
    expect(wrongHtml).not.toContain('not my password');

    const weak = await mine.post('/account/password', {
      current_password: PASSWORD,
      new_password: 'password',
      confirm_password: 'password',
    });
    expect(fieldError(await weak.text(), 'new_password')).toMatch(/^Password must be at least 8|too common/);

    const changed = await mine.post('/account/password', {
      current_password: PASSWORD,
      new_password: 'a brand new passphrase',
      confirm_password: 'a brand new passphrase',
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe('/account?done=password');
    const renewed = setSessionCookie(changed);
    expect(renewed).toBeTruthy();
    expect(await loginStatus(h, email, PASSWORD)).toBe(401);
    expect(await loginStatus(h, email, 'a brand new passphrase')).toBe(200);
    expect(
      (await call(h, 'GET', '/auth/validation', { session: other.body.session_id as string })).status,
    ).toBe(401);
    expect((await call(h, 'GET', '/auth/validation', { session })).status).toBe(401);
    expect((await pageBrowser(h, renewed).get('/account')).status).toBe(200);
    expect(ORIGIN).toBe('http://flowless.test');
  });
  it('answers the HTML error page (404), not JSON, when the account is gone mid-session', async () => {
    const { id, session } = await signedInUser(h, { email: 'gone@example.test', password: PASSWORD });
    const gone = pageBrowser(h, session);
    expect((await gone.get('/account')).status).toBe(200);
    // The account is deleted behind the page's back; the session's validation is still cached.
    await h.handle.db.deleteFrom('sessions').where('user_id', '=', id).execute();
    await h.handle.db.deleteFrom('users').where('id', '=', id).execute();
    const res = await gone.post('/account/picture/remove', {});
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<h1>Not found</h1>');
    expect(html).toContain('User not found');
    expect(html).toContain('href="/account"');
  });
});

describe('hosted pages: /account forms over the rate limit', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_account_limit'), {
      env: { SESSION_COOKIE_SECURE: 'false', RATE_LIMIT_DEFAULT_MAX: '2' },
    });
  });
  afterAll(() => h.stop());

  it('answers a page (429, Retry-After) once the per-IP limit is spent, and changes nothing', async () => {
    const { id, session } = await signedInUser(h, { email: 'limited@example.test', password: PASSWORD });
    const browser = pageBrowser(h, session);
    const statuses: number[] = [];
    for (const name of ['One', 'Two', 'Three'])
      statuses.push((await browser.post('/account/profile', { name })).status);
    expect(statuses.slice(0, 2)).not.toContain(429);
    const limited = await browser.post('/account/profile', { name: 'Four' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toContain('text/html');
    expect(await limited.text()).toContain('<h1>Too many requests</h1>');
    expect((await h.services.users.findById(id))?.name).not.toBe('Four');
  });
});
