import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  createDatabaseTokenStateStore,
  createRedisTokenStateStore,
  createTrustTokens,
  V4,
} from 'flowfull/tokens';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDialect } from '#test-support/databases.js';
import { describeWithService, serviceUrls } from '#test-support/services.js';
import { createMemoryTokenStateStore } from '../../src/tokens/store/memory-store.js';
import { openTokensDatabase } from './support/databases.js';

const CHILDREN = 4;
const child = fileURLToPath(new URL('./support/consume-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

interface Racer {
  readonly process: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  waitFor(line: RegExp): Promise<string>;
}

function startRacer(input: Record<string, string>): Racer {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child], {
    cwd: root,
    env: { ...process.env, TOKENS_RACE: JSON.stringify(input) },
  });
  const lines: string[] = [];
  const waiters: Array<{ line: RegExp; resolve: (line: string) => void }> = [];
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  proc.stdout.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.line.test(line))) waiter.resolve(line);
    }
  });
  return {
    process: proc,
    lines,
    waitFor: (line) =>
      new Promise((resolve, reject) => {
        const found = lines.find((seen) => line.test(seen));
        if (found !== undefined) return resolve(found);
        waiters.push({ line, resolve });
        proc.once('exit', (code) =>
          reject(new Error(`racer exited (${code}) before ${line}: ${stderr.slice(0, 500)}`)),
        );
      }),
  };
}

// Issues one single-use token, starts the racers, lets them all connect, then releases them at once.
async function race(backend: string, url: string, prefix = ''): Promise<{ results: string[]; jti: string }> {
  const keys = await V4.generateKey('public');
  const issuer = createTrustTokens({
    keys: { secretKey: keys.secretKey },
    store: createMemoryTokenStateStore(),
  });
  const { token, jti } = await issuer.issue('password_reset', { sub: 'user_1' }, { singleUse: true });
  const racers = Array.from({ length: CHILDREN }, () =>
    startRacer({ backend, url, prefix, publicKey: keys.publicKey, token }),
  );
  await Promise.all(racers.map((racer) => racer.waitFor(/^ready$/)));
  for (const racer of racers) racer.process.stdin.write('go\n');
  return { results: await Promise.all(racers.map((racer) => racer.waitFor(/^(won|lost)/))), jti };
}

const expectOneWinner = (results: string[]): void => {
  const expected = [...Array.from({ length: CHILDREN - 1 }, () => 'lost ERR_TOKEN_USED'), 'won'];
  expect([...results].sort()).toEqual(expected);
};

describeWithService('redis', 'consume() racing across processes on Redis', () => {
  it(`exactly one of ${CHILDREN} processes consumes the token`, async () => {
    const prefix = `flowfull:test:tokens:${randomUUID()}:`;
    const { results, jti } = await race('redis', serviceUrls.redis, prefix);
    expectOneWinner(results);
    const client = new Redis(serviceUrls.redis);
    const store = createRedisTokenStateStore({ client, prefix });
    expect(await store.isRevokedOrUsed(jti)).toBe(true);
    await client.quit();
  }, 60_000);
});

const SERVICE = { postgresql: 'postgres', mysql: 'mysql' } as const;
const opened: Kysely<object>[] = [];
afterAll(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
});

function describeDialect(dialect: TestDialect, body: () => void): void {
  const name = `consume() racing across processes on ${dialect}`;
  if (dialect === 'libsql') describe(name, body);
  else describeWithService(SERVICE[dialect], name, body);
}

for (const dialect of TEST_DIALECTS) {
  describeDialect(dialect, () => {
    it(`exactly one of ${CHILDREN} processes consumes the token, and this process then sees it used`, async () => {
      const { db, url } = await openTokensDatabase(dialect);
      opened.push(db);
      const { results, jti } = await race(dialect, url);
      expectOneWinner(results);
      const store = createDatabaseTokenStateStore({ db });
      expect(await store.isRevokedOrUsed(jti)).toBe(true);
      expect(await store.consume(jti, new Date(Date.now() + 60_000))).toBe(false);
    }, 60_000);
  });
}
