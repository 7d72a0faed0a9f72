/**
 * Two-factor authentication on PostgreSQL, MariaDB and libSQL, through the HTTP routes in both
 * casings, on a controlled clock: TOTP setup and login (one use per step, ±1 step of skew), the
 * pending session a password yields (refused by bridge validate and every other route, promoted
 * under the same id), backup codes, emailed codes, the attempt caps (per pending session and per
 * user, also under concurrent bursts), the proofs and notices of sensitive changes, user types that
 * must use a second factor, and logs free of codes, secrets and session ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { createExpiredRowPurge } from '../src/maintenance/expired-row-purge.js';
import { frozenClock } from '../src/runtime/clock.js';
import type { Logger } from '../src/runtime/logger.js';
import { totpCodeAt } from '../src/two-factor/totp.js';
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

const STEP = 30_000;
type Body = Record<string, unknown>;

/** A logger keeping every line, to check what is (not) logged. */
function recordingLogger(): Logger & { text(): string } {
  const lines: unknown[] = [];
  const keep = (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message });
  return { debug: keep, info: keep, warn: keep, error: keep, text: () => JSON.stringify(lines) };
}

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless two-factor on ${dialect}`, () => {
    let h: Harness;
    const clock = frozenClock(Date.UTC(2034, 0, 1));
    const logger = recordingLogger();
    const secrets: string[] = [];

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_2fa_routes'), {
        clock,
        logger,
        env: { TWO_FACTOR_REQUIRED_USER_TYPES: 'admin' },
      });
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
    });

    const bridge = (sid: string) =>
      call(h, 'POST', '/auth/bridge/validate', {
        headers: { 'x-bridge-secret': BRIDGE_SECRET },
        body: { session_id: sid },
      });

    /** Signs up a user, turns TOTP on through the routes, returns what the test needs. */
    const withTotp = async (email: string, password: string, userType = 'customer') => {
      await seedUser(h, { email, password, userType });
      const sid = await login(h, email, password);
      const setup = await call(h, 'POST', '/auth/two_factor/totp/setup', { session: sid });
      expect(setup.status).toBe(200);
      const secret = setup.body.secret as string;
      secrets.push(secret);
      clock.advance(STEP);
      const verified = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: { method_id: setup.body.method_id, code: totpCodeAt(secret, clock.now()), action: 'setup' },
      });
      expect(verified.status).toBe(200);
      return {
        sid,
        secret,
        methodId: setup.body.method_id as string,
        backupCodes: verified.body.backup_codes as string[],
      };
    };

    it('GET /auth/two_factor/system answers the switch and the methods in both casings, without a session', async () => {
      const res = await call(h, 'GET', '/auth/two_factor/system');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        success: true,
        global_two_factor_enabled: true,
        globalTwoFactorEnabled: true,
        available_methods: ['totp', 'email', 'passkey', 'backup_codes'],
        availableMethods: ['totp', 'email', 'passkey', 'backup_codes'],
      });
    });

    it('TOTP setup answers a secret, an otpauth URI and an SVG QR code, and is active only after one correct code', async () => {
      await seedUser(h, { email: 'totp-setup@example.test', password: 'totp setup password' });
      const sid = await login(h, 'totp-setup@example.test', 'totp setup password');
      const setup = await call(h, 'POST', '/auth/two_factor/totp/setup', { session: sid });
      expect(setup.body).toMatchObject({ success: true, method: 'totp', status: 'pending_setup' });
      expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(setup.body.otpauth_url).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      expect(setup.body.otpauthUrl).toBe(setup.body.otpauth_url);
      expect(String(setup.body.qr_code_svg)).toMatch(/^<svg[\s\S]*<\/svg>$/);
      secrets.push(setup.body.secret as string);
      // Not active yet: login goes straight through.
      expect(
        (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'totp-setup@example.test', password: 'totp setup password' },
          })
        ).body.success,
      ).toBe(true);
      const wrong = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: { methodId: setup.body.method_id, code: '000000', action: 'setup' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('INVALID_CODE');
      const methods = await call(h, 'GET', '/auth/two_factor/methods', { session: sid });
      expect((methods.body.methods as Body[])[0]).toMatchObject({ method: 'totp', status: 'pending_setup' });
      const ok = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: {
          methodId: setup.body.method_id,
          code: totpCodeAt(setup.body.secret as string, clock.now()),
          action: 'setup',
        },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        success: true,
        verified: true,
        status: 'active',
        two_factor_enabled: true,
      });
      const codes = ok.body.backup_codes as string[];
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) expect(code).toMatch(/^([0-9a-hjkmnp-tv-z]{4}-){5}[0-9a-hjkmnp-tv-z]{4}$/);
      expect(ok.body.backupCodes).toEqual(codes);
      // The session that set the factor up is now second-factor verified.
      expect((await bridge(sid)).body.session).toMatchObject({
        two_factor_verified: 1,
        two_factor_methods: ['totp'],
      });
      await h.drain();
      const notices = h.mailer.messages.filter((m) => m.to === 'totp-setup@example.test').map((m) => m.kind);
      expect(notices).toEqual(expect.arrayContaining(['two_factor_enabled', 'two_factor_method_added']));
    });

    it('login with an active factor answers 200 requires_2fa with a pending session no other route accepts', async () => {
      const { secret } = await withTotp('pending@example.test', 'pending password 1');
      const res = await call(h, 'POST', '/auth/login', {
        body: { userName: undefined, email: 'pending@example.test', password: 'pending password 1' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        success: false,
        requires_2fa: true,
        requires2fa: true,
        requires_2fa_setup: false,
        user: { email: 'pending@example.test' },
      });
      expect(res.body.sessionId).toBe(res.body.session_id);
      const methods = res.body.available_methods as Body[];
      expect(methods.map((m) => m.method)).toEqual(['totp', 'backup_codes']);
      expect(res.body.availableMethods).toEqual(methods);
      expect(Date.parse(res.body.expires_at as string) - clock.now()).toBeLessThanOrEqual(5 * 60_000);
      const pending = res.body.session_id as string;

      const refused = await bridge(pending);
      expect(refused.status).toBe(401);
      expect(refused.body.success).toBe(false);
      expect((await call(h, 'GET', '/auth/user/me', { session: pending })).status).toBe(401);
      for (const validation of [
        await call(h, 'GET', '/auth/validation', { session: pending }),
        await call(h, 'POST', '/auth/validate-session', { body: { sessionId: pending } }),
      ]) {
        // 401 (clients take any 2xx for a valid session), with the requires_2fa answer and an
        // error other than "Invalid session"/"Session expired" (clients then keep the pending id).
        expect(validation.status).toBe(401);
        expect(validation.body).toMatchObject({
          success: false,
          valid: false,
          requires_2fa: true,
          requires2fa: true,
          session_id: pending,
          sessionId: pending,
          available_methods: methods,
          availableMethods: methods,
          user: { email: 'pending@example.test' },
          error: 'Two-factor authentication required',
          code: 'TWO_FACTOR_PENDING',
        });
      }
      expect((await call(h, 'POST', '/auth/refresh', { session: pending })).status).toBe(401);
      expect((await call(h, 'GET', '/auth/two_factor/methods', { session: pending })).status).toBe(401);
      expect(
        (
          await call(h, 'POST', '/auth/two_factor/toggle', {
            session: pending,
            body: { enabled: false, current_password: 'pending password 1' },
          })
        ).status,
      ).toBe(401);

      // The setup code (same step) cannot log in: its step was spent.
      const replay = await call(h, 'POST', '/auth/two_factor/verify', {
        session: pending,
        body: { method: 'totp', code: totpCodeAt(secret, clock.now()) },
      });
      expect(replay.status).toBe(400);
      expect(replay.body).toMatchObject({
        code: 'INVALID_CODE',
        attempts_remaining: 4,
        attemptsRemaining: 4,
      });

      clock.advance(STEP);
      const ok = await call(h, 'POST', '/auth/two_factor/verify', {
        session: pending,
        body: { method: 'totp', code: totpCodeAt(secret, clock.now()), action: 'login' },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        success: true,
        verified: true,
        session_activated: true,
        sessionActivated: true,
      });
      expect(ok.body.session_id).toBe(pending);
      expect(ok.body.sessionId).toBe(pending);
      const validated = await bridge(pending);
      expect(validated.status).toBe(200);
      expect(validated.body.session).toMatchObject({ two_factor_verified: 1, two_factor_methods: ['totp'] });
      const frontValidation = await call(h, 'GET', '/auth/validation', { session: pending });
      expect(frontValidation.status).toBe(200);
      expect(frontValidation.body).toMatchObject({ success: true, valid: true });
      expect(frontValidation.body).not.toHaveProperty('requires_2fa');
      expect(validated.body.session).toHaveProperty(
        'two_factor_verified_at',
        new Date(clock.now()).toISOString(),
      );
      // The same code again, now on the active session: a second login is not possible.
      expect(
        (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: pending,
            body: { method: 'totp', code: totpCodeAt(secret, clock.now()) },
          })
        ).status,
      ).toBe(409);
    });

    it('accepts a TOTP code one step old or ahead, never two, and each step once', async () => {
      const { secret } = await withTotp('skew@example.test', 'skew password 12');
      const attempt = async (at: number) => {
        const pending = (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'skew@example.test', password: 'skew password 12' },
          })
        ).body.session_id as string;
        return (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: pending,
            body: { method: 'totp', code: totpCodeAt(secret, at) },
          })
        ).status;
      };
      clock.advance(10 * STEP);
      expect(await attempt(clock.now() + 2 * STEP)).toBe(400);
      expect(await attempt(clock.now() - 2 * STEP)).toBe(400);
      expect(await attempt(clock.now() - STEP)).toBe(200);
      expect(await attempt(clock.now() - STEP)).toBe(400);
      expect(await attempt(clock.now())).toBe(200);
      expect(await attempt(clock.now() + STEP)).toBe(200);
      // Once a later step is spent, an earlier one is refused.
      expect(await attempt(clock.now())).toBe(400);
    });

    it('50 concurrent submissions of one valid code: exactly one succeeds', async () => {
      const { secret } = await withTotp('burst-ok@example.test', 'burst ok password');
      clock.advance(STEP);
      const pendings = await Promise.all(
        Array.from(
          { length: 5 },
          async () =>
            (
              await call(h, 'POST', '/auth/login', {
                body: { email: 'burst-ok@example.test', password: 'burst ok password' },
              })
            ).body.session_id as string,
        ),
      );
      const code = totpCodeAt(secret, clock.now());
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          call(h, 'POST', '/auth/two_factor/verify', {
            session: pendings[i % 5] as string,
            body: { method: 'totp', code },
          }),
        ),
      );
      expect(
        results.map((r) => r.status).filter((s) => s === 200),
        JSON.stringify(results.map((r) => [r.status, r.body.code])),
      ).toHaveLength(1);
      const active = await Promise.all(pendings.map(async (sid) => (await bridge(sid)).status));
      expect(active.filter((s) => s === 200)).toHaveLength(1);
    });

    it('kills a pending session after 5 wrong codes, and a burst of 20 spends at most 5', async () => {
      const { secret } = await withTotp('burst-bad@example.test', 'burst bad password');
      const pending = (
        await call(h, 'POST', '/auth/login', {
          body: { email: 'burst-bad@example.test', password: 'burst bad password' },
        })
      ).body.session_id as string;
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          call(h, 'POST', '/auth/two_factor/verify', {
            session: pending,
            body: { method: 'totp', code: '000001' },
          }),
        ),
      );
      expect(results.filter((r) => r.status === 400).length).toBeLessThanOrEqual(5);
      expect(results.every((r) => r.status === 400 || r.status === 401)).toBe(true);
      clock.advance(STEP);
      const late = await call(h, 'POST', '/auth/two_factor/verify', {
        session: pending,
        body: { method: 'totp', code: totpCodeAt(secret, clock.now()) },
      });
      expect(late.status).toBe(401);
    });

    it('refuses more than 10 wrong codes per user across pending sessions, even with the right one after', async () => {
      const { secret } = await withTotp('user-cap@example.test', 'user cap password');
      const fresh = async () =>
        (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'user-cap@example.test', password: 'user cap password' },
          })
        ).body.session_id as string;
      const statuses: number[] = [];
      for (let round = 0; round < 3; round++) {
        const pending = await fresh();
        for (let i = 0; i < 4; i++) {
          statuses.push(
            (
              await call(h, 'POST', '/auth/two_factor/verify', {
                session: pending,
                body: { method: 'totp', code: '999999' },
              })
            ).status,
          );
        }
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
      expect(statuses.slice(10)).toEqual([429, 429]);
      clock.advance(STEP);
      const locked = await call(h, 'POST', '/auth/two_factor/verify', {
        session: await fresh(),
        body: { method: 'totp', code: totpCodeAt(secret, clock.now()) },
      });
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('TWO_FACTOR_LOCKED');
      // The sliding window (four sub-buckets) forgets the failures within 15–19 minutes.
      clock.advance(20 * 60_000);
      const after = await call(h, 'POST', '/auth/two_factor/verify', {
        session: await fresh(),
        body: { method: 'totp', code: totpCodeAt(secret, clock.now()) },
      });
      expect(after.status).toBe(200);
    });

    it('backup codes log in once each, are stored as HMACs only, and regeneration voids the old ones', async () => {
      const { backupCodes } = await withTotp('backup@example.test', 'backup password 1');
      const first = backupCodes[0] as string;
      const pending = async () =>
        (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'backup@example.test', password: 'backup password 1' },
          })
        ).body.session_id as string;
      const use = async (code: string) =>
        (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: await pending(),
            body: { method: 'backup_codes', code },
          })
        ).status;
      expect(await use(first.toUpperCase())).toBe(200);
      expect(await use(first)).toBe(400);
      const rows = await h.handle.db.selectFrom('two_factor_backup_codes').select('code_hash').execute();
      for (const code of backupCodes) expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ''));
      const sid = (
        await call(h, 'POST', '/auth/two_factor/verify', {
          session: await pending(),
          body: { method: 'backup_codes', code: backupCodes[1] },
        })
      ).body.session_id as string;
      const noProof = await call(h, 'POST', '/auth/two_factor/backup_codes', { session: sid });
      expect(noProof.status).toBe(400);
      expect(noProof.body.code).toBe('PROOF_REQUIRED');
      const regenerated = await call(h, 'POST', '/auth/two_factor/backup_codes', {
        session: sid,
        body: { currentPassword: 'backup password 1' },
      });
      expect(regenerated.status).toBe(200);
      expect(regenerated.body.backupCodes).toHaveLength(10);
      expect(await use(backupCodes[2] as string)).toBe(400);
      expect(await use((regenerated.body.backup_codes as string[])[0] as string)).toBe(200);
      await h.drain();
      expect(
        h.mailer.messages.some(
          (m) => m.to === 'backup@example.test' && m.kind === 'two_factor_backup_codes_regenerated',
        ),
      ).toBe(true);
    });

    it('email codes: 6 digits, mailed once a minute at most, bound to the session, single use, expire after 10 minutes', async () => {
      await seedUser(h, { email: 'mailer@example.test', password: 'mail code password' });
      const sid = await login(h, 'mailer@example.test', 'mail code password');
      const setup = await call(h, 'POST', '/auth/two_factor/email/setup', {
        session: sid,
        body: { email: 'mailer@example.test' },
      });
      expect(setup.body).toMatchObject({
        success: true,
        method: 'email',
        status: 'pending_setup',
        verification_sent: true,
        expires_in: 600,
      });
      await h.drain();
      const lastCode = () => {
        const mail = h.mailer.messages
          .filter((m) => m.kind === 'two_factor_code' && m.to === 'mailer@example.test')
          .at(-1);
        return mail?.text.match(/code is (\d{6})/)?.[1] ?? '';
      };
      const setupCode = lastCode();
      expect(setupCode).toMatch(/^\d{6}$/);
      const stored = await h.handle.db.selectFrom('two_factor_challenges').select('code_hash').execute();
      expect(JSON.stringify(stored)).not.toContain(setupCode);
      expect(
        (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: sid,
            body: { method_id: setup.body.method_id, code: setupCode, action: 'setup' },
          })
        ).status,
      ).toBe(200);

      const login1 = (
        await call(h, 'POST', '/auth/login', {
          body: { email: 'mailer@example.test', password: 'mail code password' },
        })
      ).body;
      expect((login1.available_methods as Body[])[0]).toMatchObject({
        method: 'email',
        identifier: 'm***@example.test',
      });
      const pending = login1.session_id as string;
      const start = await call(h, 'POST', '/auth/two_factor/email/start', {
        session: pending,
        body: { action: 'login' },
      });
      expect(start.body).toMatchObject({ success: true, verification_sent: true });
      const again = await call(h, 'POST', '/auth/two_factor/email/start', { session: pending, body: {} });
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toBe('60');
      await h.drain();
      const code = lastCode();
      // Bound to the pending session that asked for it.
      const other = (
        await call(h, 'POST', '/auth/login', {
          body: { email: 'mailer@example.test', password: 'mail code password' },
        })
      ).body.session_id as string;
      expect(
        (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: other,
            body: { method: 'email', code },
          })
        ).status,
      ).toBe(400);
      // Expired after 10 minutes (a new pending session: the first one lives 5 minutes).
      clock.advance(61_000);
      const late = (
        await call(h, 'POST', '/auth/login', {
          body: { email: 'mailer@example.test', password: 'mail code password' },
        })
      ).body.session_id as string;
      await call(h, 'POST', '/auth/two_factor/email/start', { session: late });
      await h.drain();
      const lateCode = lastCode();
      clock.advance(4 * 60_000);
      expect(
        (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: late,
            body: { method: 'email', code: lateCode },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: late,
            body: { method: 'email', code: lateCode },
          })
        ).status,
      ).toBe(409);
      const stale = (
        await call(h, 'POST', '/auth/login', {
          body: { email: 'mailer@example.test', password: 'mail code password' },
        })
      ).body.session_id as string;
      await call(h, 'POST', '/auth/two_factor/email/start', { session: stale });
      await h.drain();
      const staleCode = lastCode();
      clock.advance(4 * 60_000 + 59_000);
      expect(
        (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: stale,
            body: { method: 'email', code: staleCode },
          })
        ).status,
      ).toBe(200);
    });

    it('an emailed code that sat 10 minutes is refused', async () => {
      await seedUser(h, { email: 'expired-code@example.test', password: 'expired code pass' });
      const sid = await login(h, 'expired-code@example.test', 'expired code pass');
      const setup = await call(h, 'POST', '/auth/two_factor/email/setup', { session: sid, body: {} });
      await h.drain();
      const code = h.mailer.messages
        .filter((m) => m.to === 'expired-code@example.test' && m.kind === 'two_factor_code')
        .at(-1)
        ?.text.match(/code is (\d{6})/)?.[1];
      clock.advance(10 * 60_000);
      const res = await call(h, 'POST', '/auth/two_factor/verify', {
        session: sid,
        body: { method_id: setup.body.method_id, code, action: 'setup' },
      });
      expect(res.status).toBe(400);
      // The periodic purge deletes codes past their life.
      const purged = await createExpiredRowPurge({ db: h.handle.db, clock, batchSize: 100 }).purgeExpired();
      expect(purged.twoFactorChallenges).toBeGreaterThanOrEqual(1);
    });

    it('takes the proof as another factor in camelCase (verificationCode + verificationMethod), and a password change keeps the verified factor', async () => {
      const { backupCodes, secret, methodId } = await withTotp(
        'camel-proof@example.test',
        'camel proof password',
      );
      const pending = (
        await call(h, 'POST', '/auth/login', {
          body: { email: 'camel-proof@example.test', password: 'camel proof password' },
        })
      ).body.session_id as string;
      clock.advance(STEP);
      expect(
        (
          await call(h, 'POST', '/auth/two_factor/verify', {
            session: pending,
            body: { methodId, code: totpCodeAt(secret, clock.now()) },
          })
        ).status,
      ).toBe(200);
      const changed = await call(h, 'POST', '/auth/password-change/self', {
        session: pending,
        body: { currentPassword: 'camel proof password', newPassword: 'camel proof password 2' },
      });
      expect(changed.status).toBe(200);
      const renewed = changed.body.session_id as string;
      expect((await bridge(renewed)).body.session).toMatchObject({
        two_factor_verified: 1,
        two_factor_methods: ['totp'],
      });
      const removed = await call(h, 'DELETE', `/auth/two_factor/${methodId}`, {
        session: renewed,
        body: { verificationCode: backupCodes[0], verificationMethod: 'backup_codes' },
      });
      expect(removed.status).toBe(200);
      // The last factor went, so the backup codes went with it and login is a password again.
      const left = await h.handle.db
        .selectFrom('two_factor_backup_codes')
        .innerJoin('users', 'users.id', 'two_factor_backup_codes.user_id')
        .where('users.email', '=', 'camel-proof@example.test')
        .select('two_factor_backup_codes.id')
        .execute();
      expect(left).toEqual([]);
      expect(
        (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'camel-proof@example.test', password: 'camel proof password 2' },
          })
        ).body.success,
      ).toBe(true);
    });

    it('a user type that must use 2FA is sent to setup, never let in on a password alone', async () => {
      await seedUser(h, {
        email: 'admin-2fa@example.test',
        password: 'admin 2fa password',
        userType: 'admin',
      });
      const res = await call(h, 'POST', '/auth/login', {
        body: { email: 'admin-2fa@example.test', password: 'admin 2fa password' },
      });
      expect(res.body).toMatchObject({
        success: false,
        requires_2fa: true,
        requires_2fa_setup: true,
        requires2faSetup: true,
        available_methods: [],
      });
      const pending = res.body.session_id as string;
      expect((await bridge(pending)).status).toBe(401);
      const setup = await call(h, 'POST', '/auth/two_factor/totp/setup', { session: pending });
      expect(setup.status).toBe(200);
      clock.advance(STEP);
      const done = await call(h, 'POST', '/auth/two_factor/verify', {
        session: pending,
        body: {
          method_id: setup.body.method_id,
          code: totpCodeAt(setup.body.secret as string, clock.now()),
          action: 'setup',
        },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ session_activated: true, session_id: pending });
      expect(done.body.backup_codes).toHaveLength(10);
      expect((await bridge(pending)).status).toBe(200);
      // The last factor of such a user cannot be removed, nor 2FA turned off.
      const off = await call(h, 'POST', '/auth/two_factor/toggle', {
        session: pending,
        body: { enabled: false, current_password: 'admin 2fa password' },
      });
      expect(off.status).toBe(403);
      expect(off.body.code).toBe('TWO_FACTOR_REQUIRED');
      const removed = await call(h, 'DELETE', `/auth/two_factor/${setup.body.method_id}`, {
        session: pending,
        body: { current_password: 'admin 2fa password' },
      });
      expect(removed.status).toBe(403);
      expect(removed.body.code).toBe('TWO_FACTOR_REQUIRED');
    });

    it('toggle and removal need a fresh proof, mail a notice, and turn interception off', async () => {
      const { sid, secret, methodId } = await withTotp('manage@example.test', 'manage password 1');
      const noProof = await call(h, 'POST', '/auth/two_factor/toggle', {
        session: sid,
        body: { two_factor_enabled: false },
      });
      expect(noProof.status).toBe(400);
      const wrong = await call(h, 'POST', '/auth/two_factor/toggle', {
        session: sid,
        body: { twoFactorEnabled: false, currentPassword: 'not the password' },
      });
      expect(wrong.status).toBe(400);
      // A factor's own code does not vouch for its removal.
      clock.advance(STEP);
      const self = await call(h, 'DELETE', `/auth/two_factor/${methodId}`, {
        session: sid,
        body: { verification_code: totpCodeAt(secret, clock.now()), verification_method_id: methodId },
      });
      expect(self.status).toBe(400);
      const off = await call(h, 'POST', '/auth/two_factor/toggle', {
        session: sid,
        body: { enabled: false, current_password: 'manage password 1' },
      });
      expect(off.body).toMatchObject({
        success: true,
        two_factor_enabled: false,
        two_factor: false,
        twoFactor: false,
      });
      expect(
        (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'manage@example.test', password: 'manage password 1' },
          })
        ).body.success,
      ).toBe(true);
      const on = await call(h, 'POST', '/auth/two_factor/toggle', {
        session: sid,
        body: { enabled: true, current_password: 'manage password 1' },
      });
      expect(on.body).toMatchObject({
        two_factor_enabled: true,
        active_methods: [expect.objectContaining({ method: 'totp' })],
      });
      expect(
        (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'manage@example.test', password: 'manage password 1' },
          })
        ).body.requires_2fa,
      ).toBe(true);
      const removed = await call(h, 'DELETE', `/auth/two_factor/${methodId}`, {
        session: sid,
        body: { current_password: 'manage password 1' },
      });
      expect(removed.status).toBe(200);
      expect(
        (
          await call(h, 'POST', '/auth/login', {
            body: { email: 'manage@example.test', password: 'manage password 1' },
          })
        ).body.success,
      ).toBe(true);
      const methods = await call(h, 'GET', '/auth/two_factor/methods', { session: sid });
      expect(methods.body).toMatchObject({ methods: [], data: { methods: [] }, two_factor_enabled: false });
      await h.drain();
      const kinds = h.mailer.messages.filter((m) => m.to === 'manage@example.test').map((m) => m.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['two_factor_disabled', 'two_factor_enabled', 'two_factor_method_removed']),
      );
    });

    it('sms is not offered without a sender: METHOD_UNAVAILABLE', async () => {
      const sid = await login(h, 'totp-setup@example.test', 'totp setup password').catch(async () => {
        await seedUser(h, { email: 'sms-less@example.test', password: 'sms less password' });
        return login(h, 'sms-less@example.test', 'sms less password');
      });
      const res = await call(h, 'POST', '/auth/two_factor/sms/setup', {
        session: sid,
        body: { phone: '+15555550123' },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('METHOD_UNAVAILABLE');
    });

    it('never logs a code, a TOTP secret or a session id', async () => {
      const text = logger.text();
      for (const secret of secrets) expect(text).not.toContain(secret);
      const rows = await h.handle.db.selectFrom('sessions').select('session_hash').execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/"code":"\d{6}"/);
      expect(text).toContain('two_factor.verify');
      expect(await countRows(h.handle, 'two_factor')).toBeGreaterThan(0);
    });

    it('an email change accepts a code of an active factor as its fresh proof, and refuses a wrong one', async () => {
      const { sid, secret, methodId } = await withTotp('mover-2fa@example.test', 'mover 2fa password');
      const change = (body: Body) =>
        call(h, 'PUT', '/auth/user/me', {
          session: sid,
          body: { email: 'mover-2fa.new@example.test', ...body },
        });
      const none = await change({});
      expect(none.status).toBe(400);
      expect(none.body.code).toBe('PROOF_REQUIRED');
      const wrong = await change({ verificationCode: '000000', verificationMethodId: methodId });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('INVALID_CODE');
      clock.advance(STEP);
      const ok = await change({
        verification_code: totpCodeAt(secret, clock.now()),
        verification_method: 'totp',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.pending_email).toBe('mover-2fa.new@example.test');
      // The step is spent: the same code is no proof a second time.
      const again = await change({
        verification_code: totpCodeAt(secret, clock.now()),
        verification_method: 'totp',
      });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('INVALID_CODE');
      expect((await change({ current_password: 'mover 2fa password' })).status).toBe(200);
    });
  });
}
