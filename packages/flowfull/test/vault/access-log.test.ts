/**
 * @module AccessLog: immediate and batched writes of `vault_api_access` rows, the batch trigger,
 * flush at close, and what happens to rows when a write fails, on PostgreSQL, MariaDB and libSQL.
 */
import { randomUUID } from 'node:crypto';
import { createDatabase, runMigrations } from 'flowfull/db';
import { AccessLog, VAULT_MIGRATION_TABLE, type VaultDatabase, vaultMigrations } from 'flowfull/vault';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, testDatabaseUrl } from '../../../../test/support/databases.js';

for (const dialect of TEST_DIALECTS) {
  const available = dialectAvailable(dialect);
  describe.skipIf(!available)(`vault AccessLog on ${dialect}${available ? '' : ' [skipped]'}`, () => {
    let db: Kysely<VaultDatabase>;

    beforeAll(async () => {
      db = await createDatabase<VaultDatabase>({
        DATABASE_URL: await testDatabaseUrl(dialect, 'vault_access_log'),
      });
      await runMigrations(db, vaultMigrations, { tableName: VAULT_MIGRATION_TABLE });
    });
    afterAll(async () => db?.destroy());

    /** A row of a fresh user, so each test counts only its own rows. */
    const rowFor = (userId: string, id: string = randomUUID()) => ({
      id,
      workspace_id: 'ws',
      application_id: 'app',
      user_id: userId,
      method: 'GET',
      route: '/sessions/get/:key',
      status: 200,
      created_at: Date.now(),
    });
    const count = async (userId: string) =>
      Number(
        (
          await db
            .selectFrom('vault_api_access')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('with flushIntervalMs 0, a row is written before record() resolves', async () => {
      const user = randomUUID();
      const log = new AccessLog(db, { flushIntervalMs: 0 });
      await log.record(rowFor(user));
      expect(await count(user)).toBe(1);
      expect(log.pending).toBe(0);
    });

    it('buffers rows until flush(), then writes them all', async () => {
      const user = randomUUID();
      const log = new AccessLog(db, { flushIntervalMs: 60_000 });
      for (let i = 0; i < 5; i++) await log.record(rowFor(user));
      expect(await count(user)).toBe(0);
      expect(log.pending).toBe(5);
      await log.flush();
      expect(await count(user)).toBe(5);
      expect(log.pending).toBe(0);
      await log.close();
    });

    it('writes on its interval, and at once when maxBatch rows wait', async () => {
      const timed = randomUUID();
      const interval = new AccessLog(db, { flushIntervalMs: 50 });
      await interval.record(rowFor(timed));
      await expect.poll(() => count(timed), { timeout: 2000, interval: 25 }).toBe(1);
      await interval.close();
      const batched = randomUUID();
      const log = new AccessLog(db, { flushIntervalMs: 60_000, maxBatch: 3 });
      await log.record(rowFor(batched));
      await log.record(rowFor(batched));
      expect(log.pending).toBe(2);
      await log.record(rowFor(batched));
      await expect.poll(() => count(batched), { timeout: 2000, interval: 25 }).toBe(3);
      await log.close();
    });

    it('close() writes what is buffered', async () => {
      const user = randomUUID();
      const log = new AccessLog(db, { flushIntervalMs: 60_000 });
      await log.record(rowFor(user));
      await log.record(rowFor(user));
      await log.close();
      expect(await count(user)).toBe(2);
    });

    it('keeps the rows of a failed write for the next one, reports it, and never holds more than maxBuffered', async () => {
      const user = randomUUID();
      const errors: number[] = [];
      const log = new AccessLog(db, {
        flushIntervalMs: 60_000,
        maxBatch: 2,
        maxBuffered: 3,
        onError: (_error, rows) => errors.push(rows),
      });
      const taken = randomUUID();
      await db.insertInto('vault_api_access').values(rowFor(user, taken)).execute();
      // A duplicate primary key makes the batch fail.
      await log.record(rowFor(user, taken));
      await log.flush();
      expect(errors).toEqual([1]);
      expect(log.pending).toBe(1);
      await log.record(rowFor(user));
      await log.record(rowFor(user));
      await log.flush();
      // The duplicate still heads the buffer: every write (one per batch of two) fails, and the
      // buffer stays bounded; the third row made record() wait for a write.
      expect(errors.length).toBeGreaterThanOrEqual(3);
      expect(errors.slice(1).every((rows) => rows === 2)).toBe(true);
      expect(log.pending).toBe(3);
      await log.record(rowFor(user));
      expect(log.pending).toBe(3);
      expect(await count(user)).toBe(1);
      await log.close();
    });

    it('refuses options it cannot honour', () => {
      expect(() => new AccessLog(db, { flushIntervalMs: -1 })).toThrow(/flushIntervalMs/);
      expect(() => new AccessLog(db, { maxBatch: 0 })).toThrow(/maxBatch/);
      expect(() => new AccessLog(db, { maxBatch: 10, maxBuffered: 5 })).toThrow(/maxBuffered/);
    });
  });
}
