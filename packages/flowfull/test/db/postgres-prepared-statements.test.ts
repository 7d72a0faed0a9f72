/**
 * @module `DATABASE_PREPARED_STATEMENTS` on PostgreSQL: parameterised queries run as named prepared
 * statements (seen in the connection's `pg_prepared_statements`), queries without parameters and
 * every query of a pool without the option run unnamed, and a connection prepares no more than its
 * cap while the queries past it still answer.
 */
import { createDatabase } from 'flowfull/db';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { testDatabaseUrl } from '#test-support/databases.js';
import { describeWithService } from '#test-support/services.js';
import { statementName, usePreparedStatements } from '../../src/db/dialects/postgres/prepared-statements.js';

const preparedNames = async (db: Kysely<unknown>): Promise<string[]> =>
  (await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db)).rows.map(
    (row) => row.name,
  );

describeWithService('postgres', 'named prepared statements on PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await testDatabaseUrl('postgresql', 'flowfull_prepared_statements');
  });

  const open = (prepared: boolean) =>
    createDatabase<unknown>({
      DATABASE_URL: url,
      DATABASE_POOL_MIN: 0,
      DATABASE_POOL_MAX: 1,
      DATABASE_PREPARED_STATEMENTS: prepared,
    });

  it('with the option, a parameterised query is prepared once under the name of its text and answers', async () => {
    const db = await open(true);
    try {
      const query = sql<{ n: number }>`select ${41}::int + 1 as n`;
      const { sql: text } = query.compile(db);
      expect((await query.execute(db)).rows).toEqual([{ n: 42 }]);
      expect((await sql<{ n: number }>`select ${1}::int + 1 as n`.execute(db)).rows).toEqual([{ n: 2 }]);
      await sql`select 1`.execute(db);
      expect(await preparedNames(db)).toEqual([statementName(text)]);
    } finally {
      await db.destroy();
    }
  });

  it('without the option (the default), nothing is prepared', async () => {
    const db = await open(false);
    try {
      expect((await sql<{ n: number }>`select ${41}::int + 1 as n`.execute(db)).rows).toEqual([{ n: 42 }]);
      expect(await preparedNames(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('a connection prepares at most its cap; queries of further shapes still answer, unnamed', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    try {
      usePreparedStatements(client, 2);
      usePreparedStatements(client, 2); // idempotent: one wrapper
      for (const shape of ['a', 'b', 'c']) {
        const result = await client.query(`select $1::text as ${shape}`, [shape]);
        expect(result.rows).toEqual([{ [shape]: shape }]);
      }
      const names = await client.query<{ name: string }>('select name from pg_prepared_statements');
      expect(names.rows.map((row) => row.name).sort()).toEqual(
        [statementName('select $1::text as a'), statementName('select $1::text as b')].sort(),
      );
    } finally {
      client.release();
      await pool.end();
    }
  });
});
