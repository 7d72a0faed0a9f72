import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '#test-support/databases.js';
import { createDatabase } from '../../src/db/create-database.js';
import { type CounterDatabase, incrementCounter } from './fixtures/counter.js';

const incrementer = fileURLToPath(new URL('./fixtures/libsql-increment.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

async function open(url: string): Promise<Kysely<CounterDatabase>> {
  return createDatabase<CounterDatabase>({ DATABASE_URL: url, DATABASE_CONNECT_TIMEOUT_MS: 5000 });
}

describe('an embedded libSQL file under concurrent transactions', () => {
  let url: string;
  let first: Kysely<CounterDatabase>;

  beforeAll(async () => {
    url = await testDatabaseUrl('libsql', 'db_libsql_concurrency');
    first = await open(url);
    await sql`CREATE TABLE counters (id TEXT PRIMARY KEY, value INTEGER NOT NULL)`.execute(first);
    await first.insertInto('counters').values({ id: 'c', value: 0 }).execute();
  });

  afterAll(async () => {
    await first?.destroy();
  });

  it('runs 50 concurrent read-modify-write transactions of one process without SQLITE_BUSY or lost updates', async () => {
    await Promise.all(Array.from({ length: 50 }, () => incrementCounter(first)));
    const row = await first.selectFrom('counters').select('value').executeTakeFirstOrThrow();
    expect(row.value).toBe(50);
  });

  it('lets processes sharing the file wait for each other instead of failing with SQLITE_BUSY', async () => {
    const runs = [1, 2, 3].map(
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn(
            process.execPath,
            ['--conditions=source', '--import', 'tsx', incrementer, url, '20'],
            {
              cwd: root,
              stdio: ['ignore', 'ignore', 'inherit'],
            },
          );
          child.on('exit', resolve);
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0]);
    const row = await first.selectFrom('counters').select('value').executeTakeFirstOrThrow();
    expect(row.value).toBe(110);
  });

  it('keeps serving queries after a failed transaction', async () => {
    await expect(
      first.transaction().execute(async (trx) => {
        await trx.updateTable('counters').set({ value: 0 }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const row = await first.selectFrom('counters').select('value').executeTakeFirstOrThrow();
    expect(row.value).toBe(110);
  });
});
