/**
 * The batched `last_used_at` writes of personal API tokens, on PostgreSQL, MariaDB and libSQL:
 * one statement writes each token its own time, uses recorded together go out in one batch behind
 * the answer, `drain()` waits for them, and a failed batch is logged without stopping later ones.
 */
import { silentLogger } from 'flowfull/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { createApiTokenStore } from '../src/api-tokens/api-token-store.js';
import { createApiTokenUseWriter } from '../src/api-tokens/api-token-use-writer.js';
import { createBackgroundTasks } from '../src/runtime/background-tasks.js';
import { freshDatabase, type Harness, seedUser, startFlowless } from './support/flowless-harness.js';

const T0 = Date.UTC(2036, 0, 1);

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`API token use writes on ${dialect}`, () => {
    let h: Harness;
    let userId: string;
    let counter = 0;

    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_api_token_uses'));
      userId = await seedUser(h, { email: 'uses@example.test', password: 'use writer password' });
    });
    afterAll(() => h.stop());

    const store = () => createApiTokenStore(h.handle.db);
    const newToken = () =>
      store().insert({
        userId,
        hash: `${String(++counter).padStart(4, '0')}${'a'.repeat(60)}`,
        name: `uses ${counter}`,
        displayPrefix: 'flw_pat_AAAA',
        expiresAt: null,
        now: T0,
      });
    const lastUsed = async (id: string) =>
      (await h.handle.db.selectFrom('tokens').select('last_used_at').where('id', '=', id).executeTakeFirst())
        ?.last_used_at;

    it('touchMany writes each token its own time in one statement and leaves the others alone', async () => {
      const [a, b, untouched] = [await newToken(), await newToken(), await newToken()];
      await store().touchMany([
        [a, T0 + 1_000],
        [b, T0 + 2_345_678],
        ['tok_no_such_token', T0 + 5],
      ]);
      await store().touchMany([]);
      expect(Number(await lastUsed(a))).toBe(T0 + 1_000);
      expect(Number(await lastUsed(b))).toBe(T0 + 2_345_678);
      expect(await lastUsed(untouched)).toBeNull();
    });

    it('uses recorded together are written by one batch after the answer, each at its latest time', async () => {
      const [a, b] = [await newToken(), await newToken()];
      const batches: (readonly (readonly [string, number])[])[] = [];
      const writer = createApiTokenUseWriter({
        store: {
          touchMany: (uses) => {
            batches.push(uses);
            return store().touchMany(uses);
          },
        },
        tasks: h.services.tasks,
      });
      writer.record(a, T0 + 10);
      writer.record(b, T0 + 20);
      writer.record(a, T0 + 30);
      writer.record(a, T0 + 25);
      expect(batches).toHaveLength(0);
      await h.drain();
      expect(batches).toEqual([
        [
          [a, T0 + 30],
          [b, T0 + 20],
        ],
      ]);
      expect(Number(await lastUsed(a))).toBe(T0 + 30);
      expect(Number(await lastUsed(b))).toBe(T0 + 20);
    });

    it('a failed batch is logged and the next use is still written', async () => {
      const a = await newToken();
      const logged: Record<string, unknown>[] = [];
      const tasks = createBackgroundTasks({ ...silentLogger, error: (fields) => logged.push(fields) });
      let failNext = true;
      const writer = createApiTokenUseWriter({
        store: {
          touchMany: (uses) => {
            if (!failNext) return store().touchMany(uses);
            failNext = false;
            return Promise.reject(new Error('database went away'));
          },
        },
        tasks,
        gapMs: 0,
      });
      writer.record(a, T0 + 100);
      await tasks.drain();
      expect(logged).toEqual([{ task: 'api_token.touch', err: 'database went away' }]);
      expect(await lastUsed(a)).toBeNull();
      writer.record(a, T0 + 200);
      await tasks.drain();
      expect(Number(await lastUsed(a))).toBe(T0 + 200);
    });
  });
}
