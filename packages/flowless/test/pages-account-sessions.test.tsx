/**
 * The account pages `/account/sessions` and `/account/tokens`: the list of sessions with this
 * device marked, ending another session or all of them after a fresh proof, personal API tokens
 * created with a proof (the secret shown once, never in the list) and revoked; and nobody can end
 * another user's session or revoke another user's token by its id. One database (libSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldError, type PageBrowser, pageBrowser } from './support/account-pages.js';
import {
  call,
  freshDatabase,
  type Harness,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'account sessions password';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

async function loginFrom(h: Harness, email: string, userAgent: string): Promise<string> {
  const res = await call(h, 'POST', '/auth/login', {
    body: { email, password: PASSWORD },
    headers: { 'user-agent': userAgent },
  });
  return res.body.session_id as string;
}

const valid = async (h: Harness, session: string) =>
  (await call(h, 'GET', '/auth/validation', { session })).status === 200;

describe('hosted pages: sessions and API tokens', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_account_sessions'), {
      env: { SESSION_COOKIE_SECURE: 'false' },
    });
  });
  afterAll(() => h.stop());

  describe('/account/sessions', () => {
    let browser: PageBrowser;
    let session: string;
    let laptop: string;
    const email = 'sessions-page@example.test';

    beforeAll(async () => {
      ({ session } = await signedInUser(h, { email, password: PASSWORD }));
      browser = pageBrowser(h, session);
      laptop = await loginFrom(h, email, FIREFOX);
    });

    const rowIdOf = async (userAgent: string) => {
      const list = await call(h, 'GET', '/auth/sessions', { session });
      const sessions = list.body.sessions as { id: string; user_agent: string | null }[];
      const found = sessions.find((s) => s.user_agent === userAgent);
      if (!found) throw new Error(`no session from ${userAgent}`);
      return found.id;
    };

    it('lists the sessions with their device, address and times, and marks this device', async () => {
      const html = await (await browser.get('/account/sessions')).text();
      for (const heading of ['Device', 'IP address', 'Signed in', 'Last seen']) {
        expect(html).toContain(`<th scope="col">${heading}</th>`);
      }
      expect(html).toContain('Firefox on Linux');
      expect(html.match(/This device/g)).toHaveLength(1);
      expect(html.match(/>End</g)).toHaveLength(1);
      expect(html).toContain('End all other sessions');
      expect(html).not.toContain(session);
    });

    it('asks for a fresh proof before ending another session, then ends it', async () => {
      const id = await rowIdOf(FIREFOX);
      const confirm = await browser.get(`/account/sessions/end?session=${id}`);
      expect(confirm.status).toBe(200);
      const confirmHtml = await confirm.text();
      expect(confirmHtml).toContain('<label for="field-current_password">Current password</label>');
      expect(confirmHtml).toContain('Firefox on Linux');

      const none = await browser.post('/account/sessions/end', { session: id });
      expect(none.status).toBe(400);
      expect(fieldError(await none.text(), 'current_password')).toMatch(/^Enter your current password/);
      const wrong = await browser.post('/account/sessions/end', {
        session: id,
        current_password: 'wrong one',
      });
      expect(fieldError(await wrong.text(), 'current_password')).toBe('Current password is incorrect');
      expect(await valid(h, laptop)).toBe(true);

      const ended = await browser.post('/account/sessions/end', { session: id, current_password: PASSWORD });
      expect(ended.status).toBe(303);
      expect(ended.headers.get('location')).toBe('/account/sessions?done=ended');
      expect(await valid(h, laptop)).toBe(false);
      expect(await valid(h, session)).toBe(true);
      expect(await (await browser.get('/account/sessions?done=ended')).text()).toContain(
        'The session was ended.',
      );
    });

    it('ends all other sessions with a proof, and keeps this one', async () => {
      const phone = await loginFrom(
        h,
        email,
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1',
      );
      const tablet = await loginFrom(h, email, 'Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Safari/537.36');
      expect(await (await browser.get('/account/sessions/end?session=others')).text()).toContain(
        'Every session but this one (2)',
      );
      const ended = await browser.post('/account/sessions/end', {
        session: 'others',
        current_password: PASSWORD,
      });
      expect(ended.headers.get('location')).toBe('/account/sessions?done=ended-others');
      expect(await valid(h, phone)).toBe(false);
      expect(await valid(h, tablet)).toBe(false);
      expect(await valid(h, session)).toBe(true);
    });

    it("cannot end another user's session by its id, even with the right password", async () => {
      const other = await signedInUser(h, { email: 'victim-session@example.test', password: PASSWORD });
      const list = await call(h, 'GET', '/auth/sessions', { session: other.session });
      const victimId = (list.body.sessions as { id: string }[])[0]?.id ?? '';
      expect((await browser.get(`/account/sessions/end?session=${victimId}`)).status).toBe(404);
      const res = await browser.post('/account/sessions/end', {
        session: victimId,
        current_password: PASSWORD,
      });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Session not found');
      expect(await valid(h, other.session)).toBe(true);
    });

    it('refuses an ending posted from another origin', async () => {
      const spare = await loginFrom(h, email, FIREFOX);
      const id = await rowIdOf(FIREFOX);
      const res = await browser.post(
        '/account/sessions/end',
        { session: id, current_password: PASSWORD },
        'https://attacker.example',
      );
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
      expect(await valid(h, spare)).toBe(true);
    });
  });

  describe('/account/tokens', () => {
    let browser: PageBrowser;
    let session: string;

    beforeAll(async () => {
      ({ session } = await signedInUser(h, { email: 'tokens-page@example.test', password: PASSWORD }));
      browser = pageBrowser(h, session);
    });

    it('shows the create form with its labels, and no tokens yet', async () => {
      const html = await (await browser.get('/account/tokens')).text();
      expect(html).toContain('<label for="field-name">Name</label>');
      expect(html).toContain('<label for="field-expires_in">Expires</label>');
      expect(html).toContain('<label for="field-current_password">Current password</label>');
      expect(html).toContain('You have no API tokens.');
    });

    it('refuses a token without a name or a proof, next to the fields', async () => {
      const noName = await browser.post('/account/tokens', { name: '', current_password: PASSWORD });
      expect(noName.status).toBe(422);
      expect(fieldError(await noName.text(), 'name')).toBe('Name is required');
      const wrong = await browser.post('/account/tokens', { name: 'ci', current_password: 'not it' });
      expect(wrong.status).toBe(400);
      const html = await wrong.text();
      expect(fieldError(html, 'current_password')).toBe('Current password is incorrect');
      expect(html).toContain('value="ci"');
      expect(html).not.toContain('not it');
      expect(
        await h.services.apiTokens.list(
          (await h.services.users.findByEmail('tokens-page@example.test'))?.id ?? '',
        ),
      ).toHaveLength(0);
    });

    it('creates a token and shows its secret once; the list never shows it; revoke ends it', async () => {
      const created = await browser.post('/account/tokens', {
        name: 'deploy bot',
        expires_in: '30',
        current_password: PASSWORD,
      });
      expect(created.status).toBe(200);
      const html = await created.text();
      const secret = html.match(/<code id="new-token-secret" class="secret">(flw_pat_[^<]+)<\/code>/)?.[1];
      expect(secret).toBeTruthy();
      expect(html).toContain('shown only once');

      const list = await (await browser.get('/account/tokens')).text();
      expect(list).toContain('deploy bot');
      expect(list).not.toContain(secret);
      expect(list).not.toContain('new-token-secret');
      expect(await h.services.apiTokens.validate(secret ?? '')).toMatchObject({ ok: true });

      const tokenId = list.match(/name="token" value="([^"]+)"/)?.[1] ?? '';
      const revoked = await browser.post('/account/tokens/revoke', { token: tokenId });
      expect(revoked.status).toBe(303);
      expect(revoked.headers.get('location')).toBe('/account/tokens?done=revoked');
      expect(await (await browser.get('/account/tokens')).text()).toContain('You have no API tokens.');
      expect(await h.services.apiTokens.validate(secret ?? '')).toMatchObject({ ok: false });
    });

    it("cannot revoke another user's token by its id", async () => {
      const other = await signedInUser(h, { email: 'token-victim@example.test', password: PASSWORD });
      const made = await call(h, 'POST', '/auth/tokens', {
        session: other.session,
        body: { name: 'victim', current_password: PASSWORD },
      });
      const id = (made.body.token as { id: string }).id;
      const res = await browser.post('/account/tokens/revoke', { token: id });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('That token does not exist, or is not yours');
      expect(await h.services.apiTokens.list(other.id)).toHaveLength(1);
      const foreign = await browser.post(
        '/account/tokens',
        { name: 'x', current_password: PASSWORD },
        'https://attacker.example',
      );
      expect(foreign.status).toBe(403);
    });
  });
});
