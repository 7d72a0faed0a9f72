/**
 * The purge of expired sessions and one-time tokens on PostgreSQL, MariaDB and libSQL, on an
 * injected clock: expired rows go in batches of at most PURGE_BATCH_SIZE, live rows stay and keep
 * working; the timer runs on its interval, never keeps the process alive and stops on close; the
 * server purges at start.
 */
import { createDatabase } from 'flowfull/db';
import type { Logger } from 'flowfull/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { loadFlowlessConfig } from '../src/config/flowless-config.js';
import type { FlowlessDatabase } from '../src/db/schema.js';
import { createExpiredRowPurge } from '../src/maintenance/expired-row-purge.js';
import { startPurgeTimer } from '../src/maintenance/purge-timer.js';
import { frozenClock } from '../src/runtime/clock.js';
import { newId, sha256Hex } from '../src/secrets/opaque-secret.js';
import { startFlowlessServer } from '../src/server.js';
import {
  BRIDGE_SECRET,
  call,
  type FlowlessDatabaseHandle,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Counts the rows of `table` whose expiry is at or before `now` and after it. */
async function expiryCounts(
  handle: FlowlessDatabaseHandle,
  table: 'sessions' | 'one_time_tokens',
  now: number,
) {
  const rows = await handle.db.selectFrom(table).select('expires_at').execute();
  const expired = rows.filter((row) => Number(row.expires_at) <= now).length;
  return { expired, live: rows.length - expired };
}

/** Inserts `count` one-time tokens of `userId` that expire at `expiresAt`. */
async function insertTokens(
  handle: FlowlessDatabaseHandle,
  userId: string,
  count: number,
  expiresAt: number,
) {
  for (let i = 0; i < count; i++) {
    await handle.db
      .insertInto('one_time_tokens')
      .values({
        id: newId('ott'),
        user_id: userId,
        purpose: 'password_reset',
        token_hash: sha256Hex(`${userId}-${expiresAt}-${i}-${Math.random()}`),
        sent_to: null,
        expires_at: expiresAt,
        created_at: expiresAt - 3_600_000,
      })
      .execute();
  }
}

function recordingLogger(): Logger & { lines: { level: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>) => {
    lines.push({ level, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Lets pending database work finish (setTimeout is never faked here). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/** Waits until `done()` holds, for at most 5 s. */
async function eventually(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await done()) return;
    await settle();
  }
  throw new Error('condition not met within 5 s');
}

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`Flowless expired-row purge on ${dialect}`, () => {
    let h: Harness;
    const clock = frozenClock(Date.UTC(2034, 2, 1));

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_purge'), { clock });
    });
    afterAll(() => h.stop());
    afterEach(() => {
      vi.useRealTimers();
    });

    const wipe = async () => {
      await h.handle.db.deleteFrom('sessions').execute();
      await h.handle.db.deleteFrom('one_time_tokens').execute();
    };

    it('deletes expired sessions and tokens in batches of at most batchSize, and keeps live ones working', async () => {
      await wipe();
      const userId = await seedUser(h, { email: `batch-${dialect}@example.test`, password: 'batch user pw' });
      const stale = [];
      for (let i = 0; i < 7; i++)
        stale.push(await login(h, `batch-${dialect}@example.test`, 'batch user pw'));
      await insertTokens(h.handle, userId, 5, clock.now() + 3_600_000);
      clock.advance(7 * DAY_MS); // the idle timeout: those sessions and tokens are over
      const live = await login(h, `batch-${dialect}@example.test`, 'batch user pw');
      const liveToken = await h.services.tokens.issue(userId, 'email_verification', DAY_MS, {
        sentTo: `batch-${dialect}@example.test`,
      });
      const now = clock.now();
      expect(await expiryCounts(h.handle, 'sessions', now)).toEqual({ expired: 7, live: 1 });
      expect(await expiryCounts(h.handle, 'one_time_tokens', now)).toEqual({ expired: 5, live: 1 });

      const purge = createExpiredRowPurge({ db: h.handle.db, clock, batchSize: 3 });
      expect(await purge.purgeBatch()).toEqual({
        sessions: 3,
        oneTimeTokens: 3,
        twoFactorChallenges: 0,
        passkeyChallenges: 0,
        auditEvents: 0,
      });
      expect(await expiryCounts(h.handle, 'sessions', now)).toEqual({ expired: 4, live: 1 });
      expect(await purge.purgeBatch()).toEqual({
        sessions: 3,
        oneTimeTokens: 2,
        twoFactorChallenges: 0,
        passkeyChallenges: 0,
        auditEvents: 0,
      });
      expect(await purge.purgeExpired()).toEqual({
        sessions: 1,
        oneTimeTokens: 0,
        twoFactorChallenges: 0,
        passkeyChallenges: 0,
        auditEvents: 0,
      });
      expect(await purge.purgeExpired()).toEqual({
        sessions: 0,
        oneTimeTokens: 0,
        twoFactorChallenges: 0,
        passkeyChallenges: 0,
        auditEvents: 0,
      });
      expect(await expiryCounts(h.handle, 'sessions', now)).toEqual({ expired: 0, live: 1 });
      expect(await expiryCounts(h.handle, 'one_time_tokens', now)).toEqual({ expired: 0, live: 1 });

      expect((await call(h, 'GET', '/auth/validation', { session: live })).status).toBe(200);
      expect((await call(h, 'GET', '/auth/validation', { session: stale[0] as string })).status).toBe(401);
      expect(await h.services.tokens.peek(liveToken, 'email_verification')).toBe(userId);
    });

    it('purgeExpired() stops after maxBatches, leaving the rest for the next run', async () => {
      await wipe();
      const userId = await seedUser(h, {
        email: `capped-${dialect}@example.test`,
        password: 'capped user pw',
      });
      await insertTokens(h.handle, userId, 5, clock.now() - 1);
      const purge = createExpiredRowPurge({ db: h.handle.db, clock, batchSize: 2, maxBatches: 2 });
      expect(await purge.purgeExpired()).toEqual({
        sessions: 0,
        oneTimeTokens: 4,
        twoFactorChallenges: 0,
        passkeyChallenges: 0,
        auditEvents: 0,
      });
      expect(await purge.purgeExpired()).toEqual({
        sessions: 0,
        oneTimeTokens: 1,
        twoFactorChallenges: 0,
        passkeyChallenges: 0,
        auditEvents: 0,
      });
    });

    it('the timer purges on each interval, logs counts without secrets, never keeps the process alive, and stops', async () => {
      await wipe();
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const userId = await seedUser(h, { email: `timer-${dialect}@example.test`, password: 'timer user pw' });
      const logger = recordingLogger();
      const refTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const expiredTokens = async () =>
        (await expiryCounts(h.handle, 'one_time_tokens', clock.now())).expired;
      const before = refTimers();
      const timer = startPurgeTimer({
        purge: createExpiredRowPurge({ db: h.handle.db, clock, batchSize: 1000 }),
        intervalMs: 60_000,
        logger,
      });
      expect(refTimers()).toBe(before);

      await insertTokens(h.handle, userId, 2, clock.now() - 1);
      vi.advanceTimersByTime(59_999);
      await settle();
      expect(await expiredTokens()).toBe(2);
      vi.advanceTimersByTime(1);
      await eventually(async () => (await expiredTokens()) === 0);
      await timer.runNow();
      expect(logger.lines).toEqual([
        {
          level: 'info',
          fields: {
            event: 'purge',
            sessions: 0,
            one_time_tokens: 2,
            two_factor_challenges: 0,
            audit_events: 0,
          },
        },
      ]);

      await insertTokens(h.handle, userId, 3, clock.now() - 1);
      vi.advanceTimersByTime(60_000);
      await eventually(async () => (await expiredTokens()) === 0);
      await timer.stop();
      expect(logger.lines.at(-1)).toEqual({
        level: 'info',
        fields: {
          event: 'purge',
          sessions: 0,
          one_time_tokens: 3,
          two_factor_challenges: 0,
          audit_events: 0,
        },
      });

      await insertTokens(h.handle, userId, 1, clock.now() - 1);
      vi.advanceTimersByTime(600_000);
      await settle();
      expect(await expiredTokens()).toBe(1);
      expect(logger.lines).toHaveLength(2);
    });
  });
}

describe('startFlowlessServer() and the purge settings', () => {
  it('purges expired rows at start and stops the purge on close; PURGE_INTERVAL_MS=0 purges nothing', async () => {
    const handle = await freshDatabase('libsql', 'flowless_serve_purge');
    const past = Date.now() - 1000;
    const userId = (
      await handle.db
        .insertInto('users')
        .values({
          id: newId('usr'),
          email: 'served@example.test',
          username: null,
          password_hash: null,
          name: null,
          last_name: null,
          phone: null,
          picture: null,
          user_type: 'customer',
          lang: null,
          metadata: null,
          is_verified: true,
          is_banned: false,
          two_factor: false,
          created_at: past,
          updated_at: past,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await insertTokens(handle, userId, 2, past);
    await handle.db.destroy();
    const serveWith = async (env: Record<string, string>) => {
      const config = loadFlowlessConfig(
        {
          DATABASE_URL: handle.url,
          BRIDGE_VALIDATION_SECRET: BRIDGE_SECRET,
          PORT: '0',
          LOG_LEVEL: 'silent',
          ...env,
        },
        { dotenv: false },
      );
      return startFlowlessServer(config, { hostname: '127.0.0.1', signals: [] });
    };
    const remaining = async () => {
      const reopened = await createDatabase<FlowlessDatabase>({ DATABASE_URL: handle.url });
      try {
        return (await reopened.selectFrom('one_time_tokens').select('id').execute()).length;
      } finally {
        await reopened.destroy();
      }
    };

    const off = await serveWith({ PURGE_INTERVAL_MS: '0' });
    expect(await off.close()).toBe(true);
    expect(await remaining()).toBe(2);

    const on = await serveWith({ PURGE_INTERVAL_MS: '3600000', PURGE_BATCH_SIZE: '1' });
    // close() waits for the run started at start-up.
    expect(await on.close()).toBe(true);
    expect(await remaining()).toBe(0);
  });

  it('PURGE_INTERVAL_MS and PURGE_BATCH_SIZE default to 1 h and 1000 and refuse values that would hammer the database', () => {
    const load = (env: Record<string, string>) =>
      loadFlowlessConfig({ BRIDGE_VALIDATION_SECRET: BRIDGE_SECRET, ...env }, { dotenv: false });
    expect(load({})).toMatchObject({ PURGE_INTERVAL_MS: 3_600_000, PURGE_BATCH_SIZE: 1000 });
    expect(load({ PURGE_INTERVAL_MS: '0', PURGE_BATCH_SIZE: '0' })).toMatchObject({
      PURGE_INTERVAL_MS: 0,
      PURGE_BATCH_SIZE: 0,
    });
    expect(() => load({ PURGE_INTERVAL_MS: '10' })).toThrow(/PURGE_INTERVAL_MS/);
    expect(() => load({ PURGE_BATCH_SIZE: '10001' })).toThrow(/PURGE_BATCH_SIZE/);
    expect(() => load({ PURGE_BATCH_SIZE: '-1' })).toThrow(/PURGE_BATCH_SIZE/);
  });
});
