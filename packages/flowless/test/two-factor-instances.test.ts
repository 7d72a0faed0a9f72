/**
 * Two-factor across two Flowless instances on one database, with one Redis and, separately,
 * without Redis (the per-user cap then lives in the database), on PostgreSQL, MariaDB and libSQL:
 * a TOTP code works once whichever instance receives it, a concurrent burst of wrong codes spends
 * at most the pending session's 5 attempts, and the per-user cap holds over both.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialectServices, TEST_DIALECTS } from '#test-support/databases.js';
import { serviceUrls } from '#test-support/service-urls.js';
import { describeWithServices } from '#test-support/services.js';
import { frozenClock } from '../src/runtime/clock.js';
import { totpCodeAt } from '../src/two-factor/totp.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const STEP = 30_000;

for (const dialect of TEST_DIALECTS) {
  for (const shared of ['redis', 'database'] as const) {
    describeWithServices(
      [...(shared === 'redis' ? (['redis'] as const) : []), ...dialectServices(dialect)],
      `Flowless two-factor on two instances sharing ${shared === 'redis' ? 'Redis and' : 'only'} the database, ${dialect}`,
      () => {
        const prefix = `flowless_2fa_${Math.random().toString(36).slice(2)}`;
        const env = { REVOCATION_CHANNEL: `flowless:revocations:test:${prefix}` };
        const redis = shared === 'redis' ? new Redis(serviceUrls.redis, { maxRetriesPerRequest: 1 }) : null;
        const clock = frozenClock(Date.UTC(2035, 0, 1));
        let a: Harness;
        let b: Harness;

        beforeAll(async () => {
          const handle = await freshDatabase(dialect, `flowless_2fa_instances_${shared}`);
          a = await startFlowless(handle, { redis, keyPrefix: prefix, env, clock });
          b = await startFlowless(handle, { redis, keyPrefix: prefix, env, clock });
        });
        afterAll(async () => {
          await a.close();
          await b.close();
          await a.handle.db.destroy();
          redis?.disconnect();
        });

        const on = (i: number) => (i % 2 === 0 ? a : b);
        const enrol = async (email: string, password: string) => {
          await seedUser(a, { email, password });
          const sid = await login(a, email, password);
          const setup = await call(a, 'POST', '/auth/two_factor/totp/setup', { session: sid });
          const secret = setup.body.secret as string;
          clock.advance(STEP);
          const done = await call(b, 'POST', '/auth/two_factor/verify', {
            session: sid,
            body: { method_id: setup.body.method_id, code: totpCodeAt(secret, clock.now()), action: 'setup' },
          });
          expect(done.status).toBe(200);
          return secret;
        };
        const pendingOn = async (h: Harness, email: string, password: string) =>
          (await call(h, 'POST', '/auth/login', { body: { email, password } })).body.session_id as string;

        it('one valid code sent 50 times at once over both instances succeeds exactly once', async () => {
          const secret = await enrol('replay@example.test', 'replay password 1');
          clock.advance(STEP);
          const pendings = await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
              pendingOn(on(i), 'replay@example.test', 'replay password 1'),
            ),
          );
          const code = totpCodeAt(secret, clock.now());
          const results = await Promise.all(
            Array.from({ length: 50 }, (_, i) =>
              call(on(i), 'POST', '/auth/two_factor/verify', {
                session: pendings[i % 10] as string,
                body: { method: 'totp', code },
              }),
            ),
          );
          expect(results.filter((r) => r.status === 200)).toHaveLength(1);
          const validated = await Promise.all(
            pendings.map(
              async (sid, i) =>
                (
                  await call(on(i + 1), 'POST', '/auth/bridge/validate', {
                    headers: { 'x-bridge-secret': BRIDGE_SECRET },
                    body: { session_id: sid },
                  })
                ).status,
            ),
          );
          expect(validated.filter((s) => s === 200)).toHaveLength(1);
        });

        it('20 concurrent wrong codes on one pending session over both instances spend at most 5', async () => {
          const secret = await enrol('guess@example.test', 'guess password 12');
          const pending = await pendingOn(a, 'guess@example.test', 'guess password 12');
          const results = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              call(on(i), 'POST', '/auth/two_factor/verify', {
                session: pending,
                body: { method: 'totp', code: '123450' },
              }),
            ),
          );
          expect(results.filter((r) => r.status === 400).length).toBeLessThanOrEqual(5);
          expect(results.every((r) => r.status === 400 || r.status === 401)).toBe(true);
          const row = await a.handle.db
            .selectFrom('sessions')
            .select('two_factor_failures')
            .where('state', '=', 'pending_2fa')
            .where('user_id', '=', (await a.services.users.findByEmail('guess@example.test'))?.id ?? '')
            .executeTakeFirst();
          expect(Number(row?.two_factor_failures)).toBe(5);
          clock.advance(STEP);
          const late = await call(b, 'POST', '/auth/two_factor/verify', {
            session: pending,
            body: { method: 'totp', code: totpCodeAt(secret, clock.now()) },
          });
          expect(late.status).toBe(401);
          expect(late.body.code).toBe('TOO_MANY_ATTEMPTS');
        });

        it('the per-user cap of 10 wrong codes holds over both instances and many pending sessions', async () => {
          await enrol('cap@example.test', 'cap password 123');
          const pendings = await Promise.all(
            Array.from({ length: 6 }, (_, i) => pendingOn(on(i), 'cap@example.test', 'cap password 123')),
          );
          const results = await Promise.all(
            Array.from({ length: 24 }, (_, i) =>
              call(on(i), 'POST', '/auth/two_factor/verify', {
                session: pendings[i % 6] as string,
                body: { method: 'totp', code: '654321' },
              }),
            ),
          );
          expect(results.filter((r) => r.status === 400).length).toBeLessThanOrEqual(10);
          expect(results.some((r) => r.status === 429 && r.body.code === 'TWO_FACTOR_LOCKED')).toBe(true);
        });

        it('after 10 wrong codes one at a time over both instances, the next is locked on either one', async () => {
          const secret = await enrol('serial@example.test', 'serial password 1');
          for (let i = 0; i < 10; i++) {
            const pending = await pendingOn(on(i), 'serial@example.test', 'serial password 1');
            const wrong = await call(on(i + 1), 'POST', '/auth/two_factor/verify', {
              session: pending,
              body: { method: 'totp', code: '111111' },
            });
            expect(wrong.status).toBe(400);
          }
          clock.advance(STEP);
          for (const h of [a, b]) {
            const pending = await pendingOn(h, 'serial@example.test', 'serial password 1');
            const locked = await call(h, 'POST', '/auth/two_factor/verify', {
              session: pending,
              body: { method: 'totp', code: totpCodeAt(secret, clock.now()) },
            });
            expect(locked.status).toBe(429);
            expect(locked.body.code).toBe('TWO_FACTOR_LOCKED');
          }
          // The window passes: the right code works again.
          clock.advance(16 * 60_000);
          const pending = await pendingOn(b, 'serial@example.test', 'serial password 1');
          const ok = await call(a, 'POST', '/auth/two_factor/verify', {
            session: pending,
            body: { method: 'totp', code: totpCodeAt(secret, clock.now()) },
          });
          expect(ok.status).toBe(200);
        });
      },
    );
  }
}
