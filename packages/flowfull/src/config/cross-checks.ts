/**
 * @module Cross-checks: the rules that span several database variables, run even when other
 * variables failed so that one error lists every problem.
 */
import { type DatabaseType, detectDatabaseType } from '../db/database-type.js';
import type { ConfigProblem } from './errors.js';
import type { DatabaseValues, EnvSource } from './flowfull-config.js';

/** What {@link checkDatabase} finds: the detected database type, if any, and the problems. */
export interface DatabaseCheck {
  /** Detected from `DATABASE_URL`; `undefined` when it is missing or names no supported database. */
  readonly databaseType: DatabaseType | undefined;
  readonly problems: readonly ConfigProblem[];
}

function detect(url: string, source: EnvSource): DatabaseCheck {
  try {
    // The raw token, so that a bad URL is reported even when LIBSQL_AUTH_TOKEN fails too.
    const libsqlAuthToken = source.LIBSQL_AUTH_TOKEN?.trim() || null;
    return { databaseType: detectDatabaseType(url, { libsqlAuthToken }), problems: [] };
  } catch (error) {
    return {
      databaseType: undefined,
      problems: [{ variable: 'DATABASE_URL', message: (error as Error).message }],
    };
  }
}

/**
 * Detects the database type from `DATABASE_URL` and checks the pool bounds against each other,
 * using whichever of the values parsed.
 *
 * @example
 * ```ts
 * checkDatabase({ DATABASE_URL: 'mysql://h/app', DATABASE_POOL_MIN: 5, DATABASE_POOL_MAX: 2 }, {});
 * // { databaseType: 'mysql', problems: [{ variable: 'DATABASE_POOL_MIN', message: 'must not exceed DATABASE_POOL_MAX (2)' }] }
 * ```
 */
export function checkDatabase(values: Partial<DatabaseValues>, source: EnvSource): DatabaseCheck {
  const url = values.DATABASE_URL?.trim();
  const { databaseType, problems } = url ? detect(url, source) : { databaseType: undefined, problems: [] };
  const { DATABASE_POOL_MIN: poolMin, DATABASE_POOL_MAX: poolMax } = values;
  if (poolMin === undefined || poolMax === undefined || poolMin <= poolMax) return { databaseType, problems };
  const pool = { variable: 'DATABASE_POOL_MIN', message: `must not exceed DATABASE_POOL_MAX (${poolMax})` };
  return { databaseType, problems: [...problems, pool] };
}
