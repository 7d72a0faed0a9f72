/**
 * @module The bench's handle on its PostgreSQL database: the Kysely type Flowless uses (the
 * project's packages pin their own Kysely, so the bench names it through them rather than
 * importing another copy), and plain statements outside Kysely's builder (the seed marker,
 * ANALYZE, EXPLAIN of a compiled query) through `pg`.
 */
import pg from 'pg';
import type { FlowlessDatabaseHandle } from '../../packages/flowless/test/support/flowless-harness.js';

/** Flowless's Kysely on the bench database. */
export type BenchDb = FlowlessDatabaseHandle['db'];

/**
 * Runs one statement on `url` and returns its rows.
 */
export async function rawQuery<Row>(
  url: string,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, [...values])).rows as Row[];
  } finally {
    await client.end();
  }
}
