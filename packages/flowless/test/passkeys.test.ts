/**
 * Passkeys (WebAuthn) on PostgreSQL, MariaDB and libSQL, with a software authenticator (an ES256
 * key pair answering as a browser would) and a controlled clock: registering a passkey, using it
 * as the second factor of a password login, signing in with it alone, and the attacks: a replayed
 * challenge, a wrong origin or RP id, a signature counter that goes back, a challenge older than
 * five minutes, another user's passkey, and a passwordless sign-in without user verification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '../../../test/support/databases.js';
import { createExpiredRowPurge } from '../src/maintenance/expired-row-purge.js';
import { frozenClock } from '../src/runtime/clock.js';
import type { Logger } from '../src/runtime/logger.js';
import {
  BRIDGE_SECRET,
  call,
  countRows,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';
import { type OfferedOptions, SoftAuthenticator } from './support/soft-authenticator.js';

const ORIGIN = 'https://app.example.test';
type Body = Record<string, unknown>;

/** A logger keeping every line, to check what is (not) logged. */
function recordingLogger(): Logger & { text(): string } {
  const lines: unknown[] = [];
  const keep = (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message });
  return { debug: keep, info: keep, warn: keep, error: keep, text: () => JSON.stringify(lines) };
}

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless passkeys on ${dialect}`, () => {
    let h: Harness;
    const clock = frozenClock(Date.UTC(2036, 0, 1));
    const logger = recordingLogger();

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_passkeys'), { clock, logger });
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
    });

    const options = (res: { body: Body }) => res.body.options as OfferedOptions;
    const bridge = (sid: string) =>
      call(h, 'POST', '/auth/bridge/validate', {
        headers: { 'x-bridge-secret': BRIDGE_SECRET },
        body: { session_id: sid },
      });

    /** Signs a user up and registers a passkey through the routes. */
    const enrol = async (email: string, authenticator = new SoftAuthenticator(ORIGIN)) => {
      const password = `${email} password`;
      const userId = await seedUser(h, { email, password });
      const sid = await login(h, email, password);
      const setup = await call(h, 'POST', '/auth/two_factor/passkey/setup', { session: sid, body: {} });
      expect(setup.status).toBe(200);
      const done = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: {
          method: 'passkey',
          action: 'setup',
          name: 'Laptop',
          credential: authenticator.create(options(setup)),
        },
      });
      expect(done.status).toBe(200);
      return { userId, password, sid, authenticator, backupCodes: done.body.backup_codes as string[] };
    };
    const pendingOf = async (email: string, password: string) => {
      const res = await call(h, 'POST', '/auth/login', { body: { email, password } });
      expect(res.body.requires_2fa).toBe(true);
      return res.body.session_id as string;
    };
    const passwordless = async (authenticator: SoftAuthenticator, bend = {}) => {
      const offered = await call(h, 'POST', '/auth/passkey/login/options', { body: {} });
      expect(offered.status).toBe(200);
      return call(h, 'POST', '/auth/passkey/login', {
        body: { credential: authenticator.get(options(offered), bend) },
      });
    };

    it('registers a passkey: options from the configured RP, then verify (action setup) stores it and turns 2FA on', async () => {
      await seedUser(h, { email: 'register@example.test', password: 'register password 1' });
      const sid = await login(h, 'register@example.test', 'register password 1');
      const setup = await call(h, 'POST', '/auth/two_factor/passkey/setup', { session: sid, body: {} });
      expect(setup.body).toMatchObject({ success: true, method: 'passkey' });
      const offered = options(setup) as OfferedOptions & {
        rp: { id: string; name: string };
        attestation: string;
      };
      expect(offered.rp).toEqual({ id: 'app.example.test', name: 'Flowless' });
      expect(offered.attestation).toBe('none');
      expect(setup.body.publicKey).toEqual(setup.body.options);
      const authenticator = new SoftAuthenticator(ORIGIN);
      const done = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: {
          method: 'passkey',
          action: 'setup',
          name: 'Work laptop',
          credential: authenticator.create(offered),
        },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        success: true,
        verified: true,
        method: 'passkey',
        status: 'active',
        name: 'Work laptop',
      });
      expect(done.body.backup_codes as string[]).toHaveLength(10);
      const methods = await call(h, 'GET', '/auth/two_factor/methods', { session: sid });
      expect(methods.body.methods).toHaveLength(2);
      expect(methods.body.methods).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ method: 'passkey', status: 'active', identifier: 'Work laptop' }),
          expect.objectContaining({ method: 'backup_codes' }),
        ]),
      );
      expect(methods.body.two_factor_enabled).toBe(true);
      const row = await h.handle.db
        .selectFrom('passkeys')
        .selectAll()
        .where('credential_id', '=', authenticator.id)
        .executeTakeFirst();
      expect(row).toMatchObject({
        name: 'Work laptop',
        device_type: 'singleDevice',
        transports: '["hybrid","internal"]',
      });
      expect(Number(row?.counter)).toBe(0);
      // The same challenge cannot register a second credential, nor the same credential twice.
      const again = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: {
          method: 'passkey',
          action: 'setup',
          credential: new SoftAuthenticator(ORIGIN).create(offered),
        },
      });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('PASSKEY_REFUSED');
      const second = await call(h, 'POST', '/auth/two_factor/passkey/setup', { session: sid, body: {} });
      const twice = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: { method: 'passkey', action: 'setup', credential: authenticator.create(options(second)) },
      });
      expect(twice.body.code).toBe('PASSKEY_REFUSED');
    });

    it('the system lists passkey among the available methods', async () => {
      const res = await call(h, 'GET', '/auth/two_factor/system');
      expect(res.body.available_methods).toEqual(['totp', 'email', 'passkey', 'backup_codes']);
    });

    it('uses the passkey as the second factor of a password login, promoting the same session id', async () => {
      const { password, authenticator } = await enrol('second@example.test');
      const login2fa = await call(h, 'POST', '/auth/login', {
        body: { email: 'second@example.test', password },
      });
      expect(login2fa.body).toMatchObject({ success: false, requires_2fa: true });
      expect(login2fa.body.available_methods).toEqual(
        expect.arrayContaining([expect.objectContaining({ method: 'passkey', identifier: 'Laptop' })]),
      );
      const pending = login2fa.body.session_id as string;
      expect((await bridge(pending)).status).toBe(401);
      const start = await call(h, 'POST', '/auth/two_factor/passkey/start', { session: pending, body: {} });
      expect(start.status).toBe(200);
      const offered = options(start) as OfferedOptions & { allowCredentials: { id: string }[] };
      expect(offered.allowCredentials.map((c) => c.id)).toEqual([authenticator.id]);
      const verified = await call(h, 'POST', '/auth/two_factor/verify', {
        session: pending,
        body: { method: 'passkey', credential: authenticator.get(offered) },
      });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ verified: true, session_activated: true, session_id: pending });
      const validated = await bridge(pending);
      expect(validated.status).toBe(200);
      expect(JSON.stringify(validated.body)).toContain('passkey');
    });

    it('signs in with the passkey alone: an active session whose verified factor is passkey', async () => {
      const { authenticator } = await enrol('alone@example.test');
      const res = await passwordless(authenticator);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        success: true,
        user: expect.objectContaining({ email: 'alone@example.test' }),
      });
      const sid = res.body.session_id as string;
      expect(res.body.sessionId).toBe(sid);
      const session = await h.services.sessions.validate(sid);
      expect(session.ok && session.session.twoFactorVerified).toBe(true);
      expect(session.ok && session.session.twoFactorMethods).toEqual(['passkey']);
      const row = await h.handle.db
        .selectFrom('passkeys')
        .select(['counter', 'last_used_at'])
        .where('credential_id', '=', authenticator.id)
        .executeTakeFirst();
      expect(Number(row?.counter)).toBe(1);
      expect(Number(row?.last_used_at)).toBe(clock.now());
    });

    it('refuses a passwordless sign-in without user verification', async () => {
      const { authenticator } = await enrol('no-uv@example.test');
      const res = await passwordless(authenticator, { userVerified: false });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('PASSKEY_REFUSED');
    });

    it('refuses a replayed challenge: the same assertion, or a new one on a used challenge', async () => {
      const { authenticator } = await enrol('replay@example.test');
      const offered = await call(h, 'POST', '/auth/passkey/login/options', { body: {} });
      const assertion = authenticator.get(options(offered));
      const first = await call(h, 'POST', '/auth/passkey/login', { body: { credential: assertion } });
      expect(first.status).toBe(200);
      const replay = await call(h, 'POST', '/auth/passkey/login', { body: { credential: assertion } });
      expect(replay.status).toBe(401);
      const resigned = await call(h, 'POST', '/auth/passkey/login', {
        body: { credential: authenticator.get(options(offered)) },
      });
      expect(resigned.status).toBe(401);
      // Ten concurrent uses of one fresh assertion: one session.
      const fresh = await call(h, 'POST', '/auth/passkey/login/options', { body: {} });
      const once = authenticator.get(options(fresh));
      const burst = await Promise.all(
        Array.from({ length: 10 }, () =>
          call(h, 'POST', '/auth/passkey/login', { body: { credential: once } }),
        ),
      );
      expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    });

    it('refuses a response from another origin or for another RP id, in registration and sign-in', async () => {
      const { authenticator, sid } = await enrol('origin@example.test');
      expect((await passwordless(authenticator, { origin: 'https://evil.example.test' })).status).toBe(401);
      expect((await passwordless(authenticator, { rpId: 'evil.example.test' })).status).toBe(401);
      const setup = await call(h, 'POST', '/auth/two_factor/passkey/setup', { session: sid, body: {} });
      const phished = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: {
          method: 'passkey',
          action: 'setup',
          credential: new SoftAuthenticator('https://app.example.test.evil.test').create(options(setup)),
        },
      });
      expect(phished.status).toBe(400);
      expect(phished.body.code).toBe('PASSKEY_REFUSED');
      expect((await passwordless(authenticator)).status).toBe(200);
    });

    it('refuses and logs a signature counter that goes back, and accepts a synced passkey whose counter stays 0', async () => {
      const { authenticator } = await enrol('counter@example.test');
      expect((await passwordless(authenticator)).status).toBe(200);
      expect((await passwordless(authenticator)).status).toBe(200);
      authenticator.counter = 0; // a clone made after the first use answers counter 1 again
      const cloned = await passwordless(authenticator);
      expect(cloned.status).toBe(401);
      expect(logger.text()).toContain('passkey.counter_regression');
      const { authenticator: synced } = await enrol(
        'synced@example.test',
        new SoftAuthenticator(ORIGIN, true),
      );
      expect((await passwordless(synced)).status).toBe(200);
      expect((await passwordless(synced)).status).toBe(200);
      const row = await h.handle.db
        .selectFrom('passkeys')
        .select(['device_type', 'backed_up'])
        .where('credential_id', '=', synced.id)
        .executeTakeFirst();
      expect(row?.device_type).toBe('multiDevice');
    });

    it('refuses a challenge older than five minutes', async () => {
      const { authenticator } = await enrol('late@example.test');
      const offered = await call(h, 'POST', '/auth/passkey/login/options', { body: {} });
      clock.advance(5 * 60_000 + 1000);
      const late = await call(h, 'POST', '/auth/passkey/login', {
        body: { credential: authenticator.get(options(offered)) },
      });
      expect(late.status).toBe(401);
      const onTime = await call(h, 'POST', '/auth/passkey/login/options', { body: {} });
      clock.advance(4 * 60_000);
      const ok = await call(h, 'POST', '/auth/passkey/login', {
        body: { credential: authenticator.get(options(onTime)) },
      });
      expect(ok.status).toBe(200);
      // Challenges handed out and never answered go with the expired-row purge.
      await call(h, 'POST', '/auth/passkey/login/options', { body: {} });
      clock.advance(5 * 60_000 + 1000);
      const purged = await createExpiredRowPurge({ db: h.handle.db, clock, batchSize: 100 }).purgeExpired();
      expect(purged.passkeyChallenges).toBeGreaterThanOrEqual(1);
      expect(await countRows(h.handle, 'passkey_challenges')).toBe(0);
    });

    it("refuses someone else's passkey as a second factor, and a challenge issued to another session", async () => {
      const alice = await enrol('alice-pk@example.test');
      const bob = await enrol('bob-pk@example.test');
      const pending = await pendingOf('bob-pk@example.test', bob.password);
      const start = await call(h, 'POST', '/auth/two_factor/passkey/start', { session: pending, body: {} });
      const stolen = await call(h, 'POST', '/auth/two_factor/verify', {
        session: pending,
        body: { method: 'passkey', credential: alice.authenticator.get(options(start)) },
      });
      expect(stolen.status).toBe(400);
      expect(stolen.body.code).toBe('INVALID_CODE');
      // Alice's own challenge, answered by her passkey, but sent on Bob's pending session.
      const alicePending = await pendingOf('alice-pk@example.test', alice.password);
      const aliceStart = await call(h, 'POST', '/auth/two_factor/passkey/start', {
        session: alicePending,
        body: {},
      });
      const crossed = await call(h, 'POST', '/auth/two_factor/verify', {
        session: pending,
        body: { method: 'passkey', credential: bob.authenticator.get(options(aliceStart)) },
      });
      expect(crossed.status).toBe(400);
      expect((await bridge(pending)).status).toBe(401);
      const fresh = await call(h, 'POST', '/auth/two_factor/passkey/start', { session: pending, body: {} });
      const own = await call(h, 'POST', '/auth/two_factor/verify', {
        session: pending,
        body: { methodId: undefined, method: 'passkey', credential: bob.authenticator.get(options(fresh)) },
      });
      expect(own.status).toBe(200);
    });

    it('removes a passkey with DELETE /auth/two_factor/:id and a proof; it then no longer signs in', async () => {
      const { authenticator, sid, password, userId } = await enrol('remove-pk@example.test');
      const passkeyId = (await h.services.passkeys.listOf(userId))[0]?.id;
      const removed = await call(h, 'DELETE', `/auth/two_factor/${passkeyId}`, {
        session: sid,
        body: { currentPassword: password },
      });
      expect(removed.status).toBe(200);
      expect((await passwordless(authenticator)).status).toBe(401);
      const plain = await call(h, 'POST', '/auth/login', {
        body: { email: 'remove-pk@example.test', password },
      });
      expect(plain.body.success).toBe(true);
    });

    it('answers clear errors for malformed responses, and logs no session id', async () => {
      const bad = await call(h, 'POST', '/auth/passkey/login', { body: { credential: { id: 'x' } } });
      expect(bad.status).toBe(400);
      const sid = (await enrol('logs-pk@example.test')).sid;
      const noCredential = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: { method: 'passkey', action: 'setup' },
      });
      expect(noCredential.status).toBe(400);
      expect(logger.text()).not.toContain(sid);
    });
  });
}
