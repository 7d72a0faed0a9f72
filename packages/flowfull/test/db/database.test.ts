/**
 * @module The database suite, run against PostgreSQL, MariaDB and an embedded libSQL file.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDatabase,
  DatabaseAcquireTimeoutError,
  type DatabaseConfig,
  DatabaseUnreachableError,
  databaseTypeOf,
  isUniqueViolation,
  MigrationError,
  mapDatabaseError,
  migrationStatus,
  PageRequestError,
  Repository,
  runMigrations,
  UniqueViolationError,
} from 'flowfull/db';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { TEST_DIALECTS, type TestDialect, testDatabaseUrl } from '#test-support/databases.js';
import { describeWithService } from '#test-support/services.js';
import { EXAMPLE_MIGRATION_TABLE, type ExampleDatabase, exampleMigrations } from './example-users.js';
import { closedPort, stallingServer } from './faults.js';

function describeOn(dialect: TestDialect, name: string, body: () => void): void {
  if (dialect === 'libsql') describe(name, body);
  else describeWithService(dialect === 'postgresql' ? 'postgres' : 'mysql', name, body);
}

/** A `UserRepository` as users write it, written by hand with `.returningAll()`. */
class SpecUserRepository {
  constructor(private db: Kysely<ExampleDatabase>) {}

  async findById(id: string) {
    return await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async create(user: Insertable<ExampleDatabase['users']>) {
    return await this.db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
  }
}

class UserRepository extends Repository<ExampleDatabase, 'users'> {
  constructor(db: Kysely<ExampleDatabase>) {
    super(db, { table: 'users', orderBy: ['created_at', 'email'], maxLimit: 3, defaultLimit: 2 });
  }
}

const SECRET = 'hunter2-never-shown';

/** A URL of the dialect with a password, pointing at a loopback port. */
function urlAt(dialect: TestDialect, port: number): string {
  if (dialect === 'postgresql') return `postgres://app:${SECRET}@127.0.0.1:${port}/app`;
  if (dialect === 'mysql') return `mysql://app:${SECRET}@127.0.0.1:${port}/app`;
  return `libsql://127.0.0.1:${port}?tls=0&authToken=${SECRET}`;
}

async function openFailure(config: DatabaseConfig): Promise<unknown> {
  return createDatabase(config).then(
    async (db) => {
      await db.destroy();
      return 'opened';
    },
    (error: unknown) => error,
  );
}

const user = (n: number, email = `user${n}-${randomUUID()}@example.com`) => ({
  id: randomUUID(),
  email,
  name: `User ${n}`,
  created_at: 1_700_000_000_000 + n,
});

for (const dialect of TEST_DIALECTS) {
  describeOn(dialect, `database on ${dialect}`, () => {
    let config: DatabaseConfig;
    let db: Kysely<ExampleDatabase>;
    const tables = { tableName: EXAMPLE_MIGRATION_TABLE };

    beforeAll(async () => {
      config = { DATABASE_URL: await testDatabaseUrl(dialect, 'db_suite'), DATABASE_POOL_MIN: 0 };
      db = await createDatabase<ExampleDatabase>(config);
      // A clean slate: earlier runs left their tables on the shared servers.
      for (const table of ['users', EXAMPLE_MIGRATION_TABLE, `${EXAMPLE_MIGRATION_TABLE}_lock`]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    });

    afterAll(async () => {
      await db?.destroy();
    });

    it(`createDatabase() detects ${dialect} from DATABASE_URL and answers queries`, async () => {
      expect(databaseTypeOf(db)).toBe(dialect);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(Number(rows[0]?.one)).toBe(1);
    });

    it('databaseTypeOf() recognises the dialect inside a transaction too', async () => {
      const seen = await db.transaction().execute(async (trx) => databaseTypeOf(trx));
      expect(seen).toBe(dialect);
    });

    describe('migrations', () => {
      it('lists every migration as pending before the first run', async () => {
        const states = await migrationStatus(db, exampleMigrations, tables);
        expect(states).toEqual([
          { name: '0001_create_users', executedAt: null },
          { name: '0002_index_users_created_at', executedAt: null },
        ]);
      });

      it('applies every pending migration, and does nothing when run twice', async () => {
        const first = await runMigrations(db, exampleMigrations, tables);
        expect(first.map((o) => `${o.direction} ${o.name} ${o.status}`)).toEqual([
          'up 0001_create_users success',
          'up 0002_index_users_created_at success',
        ]);
        expect(await runMigrations(db, exampleMigrations, tables)).toEqual([]);
        const states = await migrationStatus(db, exampleMigrations, tables);
        expect(states.every((state) => state.executedAt instanceof Date)).toBe(true);
      });

      it('reverts one step with direction down, then re-applies it', async () => {
        const down = await runMigrations(db, exampleMigrations, { ...tables, direction: 'down' });
        expect(down).toEqual([{ name: '0002_index_users_created_at', direction: 'down', status: 'success' }]);
        const states = await migrationStatus(db, exampleMigrations, tables);
        expect(states.map((state) => state.executedAt === null)).toEqual([false, true]);
        const up = await runMigrations(db, exampleMigrations, { ...tables, direction: 'up' });
        expect(up).toEqual([{ name: '0002_index_users_created_at', direction: 'up', status: 'success' }]);
      });

      it('reports a failing migration as ERR_DB_MIGRATION_FAILED naming it, leaving earlier ones applied', async () => {
        const broken = {
          ...exampleMigrations,
          '0003_broken': {
            up: async (trx: Kysely<unknown>) => void (await sql`select * from no_such_table`.execute(trx)),
          },
        };
        const error = await runMigrations(db, broken, tables).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MigrationError);
        expect(error).toMatchObject({ code: 'ERR_DB_MIGRATION_FAILED', migration: '0003_broken' });
        const states = await migrationStatus(db, broken, tables);
        expect(states.map((state) => state.executedAt === null)).toEqual([false, false, true]);
      });

      it('rejects a migration table name that is not a plain identifier', async () => {
        await expect(
          migrationStatus(db, exampleMigrations, { tableName: 'x; drop table users' }),
        ).rejects.toThrow(TypeError);
      });
    });

    describe('unique keys', () => {
      it('maps a duplicate key from the driver to ERR_DB_UNIQUE_VIOLATION', async () => {
        const first = user(1);
        await db.insertInto('users').values(first).execute();
        const raw = await db
          .insertInto('users')
          .values({ ...user(2), email: first.email })
          .execute()
          .catch((e: unknown) => e);
        expect(isUniqueViolation(raw)).toBe(true);
        const mapped = mapDatabaseError(raw);
        expect(mapped).toBeInstanceOf(UniqueViolationError);
        expect(mapped).toMatchObject({ code: 'ERR_DB_UNIQUE_VIOLATION', dialect });
        expect(mapped.message).not.toContain(first.email);
      });

      it('does not call a missing-table error a unique violation', async () => {
        const raw = await sql`select * from no_such_table`.execute(db).catch((e: unknown) => e);
        expect(isUniqueViolation(raw)).toBe(false);
        expect(mapDatabaseError(raw).code).toBe('ERR_DB_QUERY_FAILED');
      });
    });

    describe('repository', () => {
      let users: UserRepository;
      beforeAll(async () => {
        await db.deleteFrom('users').execute();
        users = new UserRepository(db);
      });

      it('types every method from the table definition', () => {
        type Row = Selectable<ExampleDatabase['users']>;
        expectTypeOf(users.findById).returns.resolves.toEqualTypeOf<Row | undefined>();
        expectTypeOf(users.create).returns.resolves.toEqualTypeOf<Row>();
        expectTypeOf(users.list).returns.resolves.toHaveProperty('items').toEqualTypeOf<Row[]>();
        expectTypeOf(users.list)
          .parameter(0)
          .exclude<undefined>()
          .toHaveProperty('orderBy')
          .toEqualTypeOf<'id' | 'email' | 'name' | 'created_at' | 'updated_at' | undefined>();
      });

      it('create() returns the stored row, defaults included', async () => {
        const values = user(10);
        const created = await users.create(values);
        expect(created).toEqual({ ...values, updated_at: null });
        expect(await users.findById(values.id)).toEqual(created);
      });

      it('create() throws UniqueViolationError for a taken email', async () => {
        const first = await users.create(user(11));
        await expect(users.create({ ...user(12), email: first.email })).rejects.toMatchObject({
          code: 'ERR_DB_UNIQUE_VIOLATION',
        });
      });

      it('findById() returns undefined for an unknown id', async () => {
        expect(await users.findById(randomUUID())).toBeUndefined();
      });

      it('update() returns the changed row, and undefined for an unknown id', async () => {
        const created = await users.create(user(13));
        const updated = await users.update(created.id, { name: 'Renamed', updated_at: 1_800_000_000_000 });
        expect(updated).toEqual({ ...created, name: 'Renamed', updated_at: 1_800_000_000_000 });
        expect(await users.update(randomUUID(), { name: 'Nobody' })).toBeUndefined();
      });

      it('delete() returns true once, then false', async () => {
        const created = await users.create(user(14));
        expect(await users.delete(created.id)).toBe(true);
        expect(await users.delete(created.id)).toBe(false);
        expect(await users.findById(created.id)).toBeUndefined();
      });

      it('list() pages through rows in the whitelisted order', async () => {
        await db.deleteFrom('users').execute();
        const rows = [3, 1, 5, 2, 4].map((n) => user(n, `${n}@example.com`));
        for (const row of rows) await users.create(row);
        const first = await users.list({ orderBy: 'created_at' });
        expect(first).toMatchObject({ total: 5, page: 1, limit: 2, hasMore: true });
        expect(first.items.map((row) => row.email)).toEqual(['1@example.com', '2@example.com']);
        const last = await users.list({ page: 2, limit: 3, orderBy: 'email', direction: 'desc' });
        expect(last).toMatchObject({ total: 5, page: 2, limit: 3, hasMore: false });
        expect(last.items.map((row) => row.email)).toEqual(['2@example.com', '1@example.com']);
        expect((await users.list({ page: 9 })).items).toEqual([]);
      });

      it('list() refuses a column outside the whitelist and a limit above the maximum', async () => {
        await expect(users.list({ orderBy: 'name' as 'email' })).rejects.toBeInstanceOf(PageRequestError);
        await expect(users.list({ limit: 4 })).rejects.toMatchObject({
          code: 'ERR_DB_PAGE_INVALID',
          field: 'limit',
        });
      });

      it.skipIf(dialect === 'mysql')('a hand-written UserRepository with returningAll() works', async () => {
        const repo = new SpecUserRepository(db);
        const values = user(20);
        const created = await repo.create(values);
        expect(created).toEqual({ ...values, updated_at: null });
        expect(await repo.findById(values.id)).toEqual(created);
      });
    });

    describe('faults at start', () => {
      it('a closed port fails with ERR_DB_UNREACHABLE and a masked URL', async () => {
        const error = await openFailure({
          DATABASE_URL: urlAt(dialect, await closedPort()),
          DATABASE_CONNECT_TIMEOUT_MS: 2000,
        });
        expect(error).toBeInstanceOf(DatabaseUnreachableError);
        expect(error).toMatchObject({ code: 'ERR_DB_UNREACHABLE' });
        const { message, url } = error as DatabaseUnreachableError;
        expect(message).toContain('127.0.0.1');
        expect(`${message} ${url}`).not.toContain(SECRET);
        expect(url).toContain('***');
      });

      it('a server that accepts but never answers fails with ERR_DB_UNREACHABLE', async () => {
        const server = await stallingServer();
        try {
          const error = await openFailure({
            DATABASE_URL: urlAt(dialect, server.port),
            DATABASE_CONNECT_TIMEOUT_MS: 300,
          });
          expect(error).toBeInstanceOf(DatabaseUnreachableError);
          expect((error as Error).message).not.toContain(SECRET);
        } finally {
          await server.close();
        }
      });

      it.runIf(dialect === 'libsql')(
        'a file: database in a missing folder gets the folder created',
        async () => {
          const folder = join(tmpdir(), 'flowfull-tests', `db-${randomUUID()}`, 'nested');
          const file = await createDatabase({ DATABASE_URL: `file:${join(folder, 'app.db')}` });
          try {
            await runMigrations(file, exampleMigrations, tables);
            expect(existsSync(join(folder, 'app.db'))).toBe(true);
            expect(await migrationStatus(file, exampleMigrations, tables)).toHaveLength(2);
          } finally {
            await file.destroy();
          }
        },
      );
    });

    describe('pool', () => {
      it('with pool max 1, concurrent queries wait their turn and all succeed', async () => {
        const small = await createDatabase({ ...config, DATABASE_POOL_MAX: 1 });
        try {
          const pause =
            dialect === 'postgresql'
              ? sql`select pg_sleep(0.02) is null as done`
              : dialect === 'mysql'
                ? sql`select sleep(0.02) as done`
                : sql`select 1 as done`;
          const results = await Promise.all(Array.from({ length: 8 }, () => pause.execute(small)));
          expect(results).toHaveLength(8);
          expect(results.every((result) => result.rows.length === 1)).toBe(true);
        } finally {
          await small.destroy();
        }
      });

      it.skipIf(dialect === 'libsql')(
        'a query still waiting when the bound runs out fails with ERR_DB_ACQUIRE_TIMEOUT',
        async () => {
          const small = await createDatabase({
            ...config,
            DATABASE_POOL_MAX: 1,
            DATABASE_CONNECT_TIMEOUT_MS: 300,
          });
          let release = (): void => undefined;
          const held = new Promise<void>((resolve) => {
            release = resolve;
          });
          try {
            let holding = (): void => undefined;
            const busy = new Promise<void>((resolve) => {
              holding = resolve;
            });
            const holder = small.connection().execute(async () => {
              holding();
              await held;
            });
            await busy;
            await expect(sql`select 1`.execute(small)).rejects.toBeInstanceOf(DatabaseAcquireTimeoutError);
            release();
            await holder;
            expect((await sql`select 1 as one`.execute(small)).rows).toHaveLength(1);
          } finally {
            release();
            await small.destroy();
          }
        },
      );
    });
  });
}
