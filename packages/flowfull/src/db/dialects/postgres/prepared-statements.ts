/**
 * @module Named prepared statements on a `pg` connection (`DATABASE_PREPARED_STATEMENTS`). Kysely
 * sends every query unnamed, so PostgreSQL parses and plans it on each run; under a name derived
 * from its SQL text, a connection parses and plans a query shape once and then only binds and
 * executes it. Measured on the cold API-token validation of Flowless (docs/benchmarks.md), this
 * halved the PostgreSQL CPU per request.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Most statements one connection prepares; queries of further shapes (IN lists and multi-row
 * inserts of many lengths) run unnamed, so the server's per-connection memory stays bounded.
 */
export const MAX_PREPARED_PER_CONNECTION = 256;

const wrapped = new WeakSet<pg.PoolClient>();

/** The statement name of `text`: stable across connections and processes, 63 bytes at most. */
export function statementName(text: string): string {
  return `ff_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
}

/**
 * Makes `client.query(text, values)` with at least one value run as a named prepared statement,
 * until the connection holds {@link MAX_PREPARED_PER_CONNECTION}. Queries without values and
 * query objects (cursors, streams) pass through unchanged. Idempotent per client.
 */
export function usePreparedStatements(client: pg.PoolClient, max = MAX_PREPARED_PER_CONNECTION): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  const prepared = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const named = (...args: unknown[]): unknown => {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || args.length > 2) {
      return query(...args);
    }
    const name = statementName(text);
    if (!prepared.has(name)) {
      if (prepared.size >= max) return query(text, values);
      prepared.add(name);
    }
    return query({ name, text, values });
  };
  client.query = named as typeof client.query;
}
