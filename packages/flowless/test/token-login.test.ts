/**
 * Passwordless sign-in by email link on PostgreSQL, MariaDB and libSQL: the link is
 * mailed only to known addresses while every address gets the same answer, it is stored hashed,
 * lives 15 minutes, works once (also under 20 concurrent uses), and is limited per IP and per
 * address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { frozenClock } from '../src/runtime/clock.js';
import { sha256Hex } from '../src/secrets/opaque-secret.js';
import {
  BRIDGE_SECRET,
  call,
  countRows,
  freshDatabase,
  type Harness,
  seedUser,
  startFlowless,
  tokenFromMail,
} from './support/flowless-harness.js';

const MINUTE = 60_000;

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless sign-in links on ${dialect}`, () => {
    let h: Harness;
    const clock = frozenClock(Date.UTC(2034, 0, 1));

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_magic_links'), {
        clock,
        env: {
          RATE_LIMIT_TOKEN_LOGIN_MAX: '1000',
          RATE_LIMIT_TOKEN_LOGIN_ADDRESS_MAX: '3',
          ALLOWED_REDIRECT_URLS: 'https://app.example.test/magic,myapp://signin',
          TWO_FACTOR_REQUIRED_USER_TYPES: 'staff',
        },
      });
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
    });

    const requestLink = async (body: Record<string, unknown>) => {
      const res = await call(h, 'POST', '/auth/token/login', { body });
      await h.drain();
      return res;
    };
    const linkMails = (to: string) =>
      h.mailer.messages.filter((m) => m.to === to && m.kind === 'token_login');

    it('mails a link with a 256-bit token in the fragment of FRONTEND_URL/token-login, stored only as its hash', async () => {
      await seedUser(h, { email: 'link@example.test', password: 'link user password' });
      const res = await requestLink({ identifier: 'Link@Example.test', type: 'email' });
      expect(res).toMatchObject({ status: 200, body: { success: true, method: 'email', expires_in: 900 } });
      const mail = linkMails('link@example.test').at(-1);
      expect(mail?.text).toMatch(/https:\/\/app\.example\.test\/token-login#token=[A-Za-z0-9_-]{43}\s/);
      const token = tokenFromMail(h, 'link@example.test', 'token_login');
      const rows = await h.handle.db
        .selectFrom('one_time_tokens')
        .selectAll()
        .where('purpose', '=', 'token_login')
        .execute();
      expect(rows.map((row) => row.token_hash)).toContain(sha256Hex(token));
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('answers an unknown address exactly as a known one, and mails nothing', async () => {
      await seedUser(h, { email: 'known@example.test', password: 'known user password' });
      const known = await requestLink({ email: 'known@example.test' });
      const before = h.mailer.messages.length;
      const unknown = await requestLink({ email: 'nobody@example.test' });
      expect(unknown.status).toBe(known.status);
      expect(unknown.body).toEqual(known.body);
      expect(h.mailer.messages.length).toBe(before);
    });

    it('uses a link once: a login result in both casings with the session cookie, then 400 Invalid or expired token', async () => {
      const id = await seedUser(h, { email: 'once@example.test', password: 'once user password' });
      await requestLink({ identifier: 'once@example.test' });
      const token = tokenFromMail(h, 'once@example.test', 'token_login');
      const used = await call(h, 'POST', '/auth/token/login', { body: { token } });
      expect(used.status).toBe(200);
      expect(used.body).toMatchObject({
        success: true,
        loginType: 'token_login',
        user: { id, email: 'once@example.test' },
      });
      expect(used.body.session_id).toEqual(used.body.sessionId);
      expect(used.body.expires_at).toEqual(used.body.expiresAt);
      expect(used.headers.get('set-cookie')).toMatch(/^__Host-session_id=[^;]+;.*HttpOnly/);
      const me = await call(h, 'GET', '/auth/validation', { session: String(used.body.session_id) });
      expect(me.status).toBe(200);
      const again = await call(h, 'POST', '/auth/token/login', { body: { token } });
      expect(again).toMatchObject({
        status: 400,
        body: { success: false, error: 'Invalid or expired token', code: 'ERR_FLOWLESS_INVALID_TOKEN' },
      });
    });

    it('a user who must pass a second factor gets a pending session from a link, never an active one', async () => {
      await seedUser(h, { email: 'staff@example.test', password: 'staff user password', userType: 'staff' });
      await requestLink({ identifier: 'staff@example.test' });
      const token = tokenFromMail(h, 'staff@example.test', 'token_login');
      const used = await call(h, 'POST', '/auth/token/login', { body: { token } });
      expect(used.status).toBe(200);
      expect(used.body).toMatchObject({ success: false, requires_2fa: true, loginType: 'token_login' });
      const pending = String(used.body.session_id);
      expect((await call(h, 'GET', '/auth/validation', { session: pending })).status).toBe(401);
      const bridge = await call(h, 'POST', '/auth/bridge/validate', {
        headers: { 'x-bridge-secret': BRIDGE_SECRET },
        body: { session_id: pending },
      });
      expect(bridge.status).toBe(401);
    });

    it('validate answers the union shape on GET and POST while the link is live, and valid:false once used', async () => {
      const id = await seedUser(h, { email: 'check@example.test', password: 'check user password' });
      await requestLink({ identifier: 'check@example.test' });
      const token = tokenFromMail(h, 'check@example.test', 'token_login');
      const viaGet = await call(h, 'GET', `/auth/token/validate?token=${token}`);
      const viaPost = await call(h, 'POST', '/auth/token/validate', { body: { token } });
      for (const res of [viaGet, viaPost]) {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          success: true,
          valid: true,
          user: { id, email: 'check@example.test', isVerified: true },
          tokenType: 'token_login',
          token_id: expect.stringMatching(/^ott_/),
          expires_at: new Date(clock.now() + 15 * MINUTE).toISOString(),
        });
      }
      // Checking does not use the link up.
      expect((await call(h, 'POST', '/auth/token/login', { body: { token } })).status).toBe(200);
      const after = await call(h, 'GET', `/auth/token/validate?token=${token}`);
      expect(after).toMatchObject({
        status: 200,
        body: { success: false, valid: false, user: null, tokenType: 'token_login', token_id: null },
      });
    });

    it('refuses a link after 15 minutes', async () => {
      await seedUser(h, { email: 'late@example.test', password: 'late user password' });
      await requestLink({ identifier: 'late@example.test' });
      const token = tokenFromMail(h, 'late@example.test', 'token_login');
      clock.advance(15 * MINUTE);
      expect((await call(h, 'POST', '/auth/token/login', { body: { token } })).status).toBe(400);
    });

    it('turns 20 concurrent uses of one link into exactly one session', async () => {
      const id = await seedUser(h, { email: 'race@example.test', password: 'race user password' });
      await requestLink({ identifier: 'race@example.test' });
      const token = tokenFromMail(h, 'race@example.test', 'token_login');
      const results = await Promise.all(
        Array.from({ length: 20 }, () => call(h, 'POST', '/auth/token/login', { body: { token } })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 400)).toHaveLength(19);
      const sessions = await h.handle.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', id)
        .execute();
      expect(sessions).toHaveLength(1);
    });

    it('limits links per address, known or not, with the same 429', async () => {
      await seedUser(h, { email: 'limited@example.test', password: 'limited password' });
      for (const email of ['limited@example.test', 'ghost@example.test']) {
        for (let i = 0; i < 3; i += 1) expect((await requestLink({ email })).status).toBe(200);
        const refused = await requestLink({ email: email.toUpperCase() });
        expect(refused).toMatchObject({ status: 429, body: { code: 'ERR_FLOWLESS_RATE_LIMITED' } });
        expect(refused.headers.get('retry-after')).not.toBeNull();
      }
      expect(linkMails('limited@example.test')).toHaveLength(3);
    });

    it('points the link at an allow-listed redirect_url/login_url, otherwise at FRONTEND_URL', async () => {
      await seedUser(h, { email: 'where@example.test', password: 'where password' });
      await requestLink({
        identifier: 'where@example.test',
        redirectUrl: 'https://app.example.test/magic?next=x',
      });
      expect(linkMails('where@example.test').at(-1)?.text).toContain('https://app.example.test/magic#token=');
      await requestLink({ identifier: 'where@example.test', login_url: 'https://evil.example/magic' });
      expect(linkMails('where@example.test').at(-1)?.text).toContain(
        'https://app.example.test/token-login#token=',
      );
    });

    it('marks an unverified address verified, and refuses a link mailed to an address the account has left', async () => {
      const reg = await call(h, 'POST', '/auth/register/public', {
        body: { email: 'fresh@example.test', password: 'fresh user password' },
      });
      expect(reg.status).toBe(201);
      await requestLink({ identifier: 'fresh@example.test' });
      const token = tokenFromMail(h, 'fresh@example.test', 'token_login');
      expect((await call(h, 'POST', '/auth/token/login', { body: { token } })).status).toBe(200);
      expect((await h.services.users.findByEmail('fresh@example.test'))?.isVerified).toBe(true);

      const moved = await seedUser(h, { email: 'moving@example.test', password: 'moving password' });
      await requestLink({ identifier: 'moving@example.test' });
      const stale = tokenFromMail(h, 'moving@example.test', 'token_login');
      await h.services.users.update(moved, { email: 'moved@example.test' });
      expect((await call(h, 'POST', '/auth/token/login', { body: { token: stale } })).status).toBe(400);
    });

    it('refuses a body without token or identifier, a non-email identifier and other link types with 400', async () => {
      const before = await countRows(h.handle, 'one_time_tokens');
      for (const body of [
        {},
        { identifier: 'not-an-email' },
        { identifier: 'a@example.test', type: 'sms' },
      ]) {
        expect((await requestLink(body)).status).toBe(400);
      }
      expect(await countRows(h.handle, 'one_time_tokens')).toBe(before);
    });
  });
}

describe('Flowless sign-in links per IP', () => {
  it('answers 429 with Retry-After once the per-IP budget is spent', async () => {
    const h = await startFlowless(await freshDatabase('libsql', 'flowless_magic_ip'), {
      env: { RATE_LIMIT_TOKEN_LOGIN_MAX: '2' },
    });
    try {
      for (let i = 0; i < 2; i += 1) {
        expect(
          (await call(h, 'POST', '/auth/token/validate', { body: { token: 'x'.repeat(43) } })).status,
        ).toBe(200);
      }
      const refused = await call(h, 'POST', '/auth/token/login', { body: { email: 'ip@example.test' } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).not.toBeNull();
    } finally {
      await h.close();
      await h.handle.db.destroy();
    }
  });
});
