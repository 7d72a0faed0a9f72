/**
 * The second step of a hosted sign-in: only the browser's pending session reaches it; a TOTP code
 * (generated from the secret with otplib, through totpCodeAt) and an emailed code (sent with the
 * page's button) finish it, a wrong code is refused next to its field with the attempts left, and
 * a foreign-origin post is refused. One database (libSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frozenClock } from '../src/runtime/clock.js';
import { totpCodeAt } from '../src/two-factor/totp.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';
import { getPage, PAGE_ORIGIN, postForm, sessionCookieOf } from './support/page-requests.js';

const PASSWORD = 'pages two-factor password';

describe('hosted pages: the second factor', () => {
  let h: Harness;
  const clock = frozenClock(Date.UTC(2034, 0, 1));

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_auth_2fa'), {
      env: { SESSION_COOKIE_SECURE: 'false', PUBLIC_URL: PAGE_ORIGIN },
      clock,
    });
  });
  afterAll(() => h.stop());

  const signIn = (fields: Record<string, string>) => postForm(h, '/sign-in', fields);

  describe('with a TOTP second factor', () => {
    let secret: string;

    beforeAll(async () => {
      await seedUser(h, { email: 'grace@example.test', password: PASSWORD });
      const sid = await login(h, 'grace@example.test', PASSWORD);
      const setup = await call(h, 'POST', '/auth/two_factor/totp/setup', { session: sid });
      secret = setup.body.secret as string;
      clock.advance(30_000);
      const done = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: { method_id: setup.body.method_id, code: totpCodeAt(secret, clock.now()), action: 'setup' },
      });
      expect(done.status).toBe(200);
    });

    const firstStep = async () => {
      const res = await signIn({
        identifier: 'grace@example.test',
        password: PASSWORD,
        redirect: '/account/security',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/sign-in/two-factor?redirect=%2Faccount%2Fsecurity');
      return sessionCookieOf(res) ?? '';
    };

    it('stops at the second step: the pending cookie opens only the second-factor page', async () => {
      const pending = await firstStep();
      expect((await call(h, 'GET', '/auth/validation', { session: pending })).status).toBe(401);
      expect((await getPage(h, '/account', { session: pending })).status).not.toBe(200);
      const page = await getPage(h, '/sign-in/two-factor?redirect=%2Faccount%2Fsecurity', {
        session: pending,
      });
      expect(page.status).toBe(200);
      const body = await page.text();
      expect(body).toContain('<h1>Two-step verification</h1>');
      expect(body).toContain('<label for="field-totp_code">Code from your authenticator app</label>');
      expect(body).toContain('<label for="field-backup_codes_code">Backup code</label>');
      expect(body).toMatch(/name="redirect" value="\/account\/security"/);
    });

    it('sends a browser without a pending session to sign in', async () => {
      const res = await getPage(h, '/sign-in/two-factor?redirect=%2Faccount%2Fsecurity');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/sign-in?redirect=%2Faccount%2Fsecurity');
    });

    it('refuses a wrong code next to the field with the attempts left, then accepts the right one', async () => {
      const pending = await firstStep();
      const wrong = await postForm(
        h,
        '/sign-in/two-factor',
        { method: 'totp', totp_code: '000000', redirect: '/account/security' },
        { session: pending },
      );
      expect(wrong.status).toBe(400);
      const body = await wrong.text();
      expect(body).toContain(
        '<p class="field-error" id="field-totp_code-error">That code is not right. 4 attempts left.</p>',
      );
      expect(body).not.toContain('value="000000"');

      clock.advance(30_000);
      const right = await postForm(
        h,
        '/sign-in/two-factor',
        { method: 'totp', totp_code: totpCodeAt(secret, clock.now()), redirect: '/account/security' },
        { session: pending },
      );
      expect(right.status).toBe(303);
      expect(right.headers.get('location')).toBe('/account/security');
      expect(sessionCookieOf(right)).toBe(pending);
      const validated = await call(h, 'GET', '/auth/validation', { session: pending });
      expect(validated.status).toBe(200);
    });

    it('refuses a second-factor post from another origin', async () => {
      const pending = await firstStep();
      clock.advance(30_000);
      const res = await postForm(
        h,
        '/sign-in/two-factor',
        { method: 'totp', totp_code: totpCodeAt(secret, clock.now()) },
        { session: pending, origin: 'https://attacker.example' },
      );
      expect(res.status).toBe(403);
      expect((await call(h, 'GET', '/auth/validation', { session: pending })).status).toBe(401);
    });
  });

  describe('with an email code as second factor', () => {
    const lastCode = (to: string) =>
      h.mailer.messages
        .filter((m) => m.kind === 'two_factor_code' && m.to === to)
        .at(-1)
        ?.text.match(/code is (\d{6})/)?.[1] ?? '';

    beforeAll(async () => {
      await seedUser(h, { email: 'mary@example.test', password: PASSWORD });
      const sid = await login(h, 'mary@example.test', PASSWORD);
      const setup = await call(h, 'POST', '/auth/two_factor/email/setup', {
        session: sid,
        body: { email: 'mary@example.test' },
      });
      await h.drain();
      const done = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: { method_id: setup.body.method_id, code: lastCode('mary@example.test'), action: 'setup' },
      });
      expect(done.status).toBe(200);
    });

    it('sends a code with the button, refuses a second send within a minute, and accepts the code', async () => {
      const first = await postForm(h, '/sign-in', { identifier: 'mary@example.test', password: PASSWORD });
      const pending = sessionCookieOf(first) ?? '';
      const page = await (await getPage(h, '/sign-in/two-factor', { session: pending })).text();
      expect(page).toContain('The code goes to m***@example.test.');
      expect(page).toContain('Email me a code</button>');
      expect(page).toContain('<label for="field-email_code">Code from the email</label>');

      const sent = await postForm(h, '/sign-in/two-factor/send', { method: 'email' }, { session: pending });
      expect(sent.status).toBe(303);
      expect(sent.headers.get('location')).toBe('/sign-in/two-factor?sent=email');
      expect(
        await (await getPage(h, '/sign-in/two-factor?sent=email', { session: pending })).text(),
      ).toContain('We sent a code to your email address.');
      const again = await postForm(h, '/sign-in/two-factor/send', { method: 'email' }, { session: pending });
      expect(again.status).toBe(429);
      expect(await again.text()).toContain('A code was sent less than a minute ago.');

      await h.drain();
      const code = lastCode('mary@example.test');
      const verified = await postForm(
        h,
        '/sign-in/two-factor',
        { method: 'email', email_code: code },
        { session: pending },
      );
      expect(verified.status).toBe(303);
      expect(verified.headers.get('location')).toBe('/account');
      expect((await call(h, 'GET', '/auth/validation', { session: pending })).status).toBe(200);
    });
  });
});
