/**
 * @module PostgreSQL through a `pg` pool; with `DATABASE_PREPARED_STATEMENTS`, parameterised queries
 * run as named prepared statements (see `prepared-statements.ts`).
 */
import { PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseSsl, ResolvedDatabaseConfig } from '../../database-config.js';
import { DatabaseAcquireTimeoutError } from '../../errors.js';
import { usePreparedStatements } from './prepared-statements.js';

const INT8_OID = 20;

/** The pg `ssl` option for a `DATABASE_SSL` value: certificates are verified unless told otherwise. */
export function postgresSsl(ssl: DatabaseSsl): false | { rejectUnauthorized: boolean } {
  if (ssl === false) return false;
  return { rejectUnauthorized: ssl === 'verify' };
}

/**
 * Builds the dialect. `pg` bounds both connecting and waiting for a busy pool by
 * `connectionTimeoutMillis`; a wait that runs out becomes {@link DatabaseAcquireTimeoutError}.
 */
export function createPostgresDialect(config: ResolvedDatabaseConfig): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: config.url,
    ssl: postgresSsl(config.ssl),
    min: config.poolMin,
    max: config.poolMax,
    connectionTimeoutMillis: config.connectTimeoutMs,
    // COUNT(*) and epoch-millisecond timestamps are int8: read them as numbers, as MySQL and libSQL do.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => undefined);
  return new PostgresDialect({
    pool: {
      async connect() {
        try {
          const client = await pool.connect();
          if (config.preparedStatements) usePreparedStatements(client);
          return client;
        } catch (error) {
          if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message)) {
            throw new DatabaseAcquireTimeoutError(config.connectTimeoutMs, { cause: error });
          }
          throw error;
        }
      },
      end: () => pool.end(),
    },
  });
}
