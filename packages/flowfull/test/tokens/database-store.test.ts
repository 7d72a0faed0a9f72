import { randomUUID } from 'node:crypto';
import {
  createDatabaseTokenStateStore,
  createTrustTokens,
  TokenUsedError,
  trustTokenUsesMigration,
  V4,
} from 'flowfull/tokens';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, type TestDialect } from '#test-support/databases.js';
import { describeWithService } from '#test-support/services.js';
import { runTokenStateStoreSuite } from '../../src/tokens/testing/token-state-store-suite.js';
import { openTokensDatabase } from './support/databases.js';

const SERVICE = { postgresql: 'postgres', mysql: 'mysql' } as const;

function describeDialect(dialect: TestDialect, body: () => void): void {
  const name = `database TokenStateStore on ${dialect}`;
  if (dialect === 'libsql') describe(name, body);
  else describeWithService(SERVICE[dialect], name, body);
}

for (const dialect of TEST_DIALECTS) {
  describeDialect(dialect, () => {
    const opened: Kysely<object>[] = [];
    let url: string | undefined;

    const open = async (): Promise<Kysely<object>> => {
      const database = await openTokensDatabase(dialect, url);
      url = database.url;
      opened.push(database.db);
      return database.db;
    };

    beforeAll(async () => {
      if (dialectAvailable(dialect)) await open();
    });
    afterAll(async () => {
      await Promise.all(opened.map((db) => db.destroy()));
    });

    // Each store gets its own Kysely instance (its own pool), as separate processes would.
    runTokenStateStoreSuite({
      name: dialect,
      createStore: async () => createDatabaseTokenStateStore({ db: await open() }),
    });

    it('the migration can run again on an existing table', async () => {
      const db = await open();
      await expect(trustTokenUsesMigration.up(db)).resolves.toBeUndefined();
    });

    it('purgeExpired() deletes the rows of expired tokens only, on the injected clock', async () => {
      const db = await open();
      let now = Date.now();
      const store = createDatabaseTokenStateStore({ db, now: () => now });
      const [short, long] = [`short-${randomUUID()}`, `long-${randomUUID()}`];
      await store.consume(short, new Date(now + 1000));
      await store.consume(long, new Date(now + 3_600_000));
      now += 1000;
      expect(await store.isRevokedOrUsed(short)).toBe(false);
      expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
      expect(await store.isRevokedOrUsed(long)).toBe(true);
      now -= 1000;
      expect(await store.isRevokedOrUsed(short)).toBe(false);
    });

    it('a consumed trust token survives purgeExpired() until exp + clockTolerance, while it could still verify', async () => {
      const db = await open();
      let now = Date.now();
      const clock = (): number => now;
      const keys = await V4.generateKey('public');
      const store = createDatabaseTokenStateStore({ db, now: clock });
      const tokens = createTrustTokens({
        keys: { secretKey: keys.secretKey },
        store,
        now: clock,
        clockTolerance: 5000,
      });
      const { token, expiresAt } = await tokens.issue('password_reset', {}, { ttl: 1000, singleUse: true });
      await tokens.consume(token, { type: 'password_reset' });
      now = expiresAt.getTime() + 4999;
      await store.purgeExpired();
      await expect(tokens.consume(token, { type: 'password_reset' })).rejects.toBeInstanceOf(TokenUsedError);
      await expect(tokens.verify(token, { type: 'password_reset' })).rejects.toBeInstanceOf(TokenUsedError);
    });

    it('a database fault other than a duplicate key is rethrown, not taken for a lost race', async () => {
      const db = await open();
      const store = createDatabaseTokenStateStore({ db: db.withSchema('no_such_schema_tokens') });
      await expect(store.consume(randomUUID(), new Date(Date.now() + 60_000))).rejects.toThrow();
    });
  });
}
