/**
 * @module Column types that mean the same thing on PostgreSQL, MySQL and libSQL.
 */
import { type RawBuilder, sql } from 'kysely';
import type { FlowlessDialect } from './create-database.js';

/** The portable column types the Flowless migrations use. */
export interface ColumnTypes {
  /** A point in time with millisecond precision (UTC). */
  timestamp: RawBuilder<unknown>;
  /** A true/false flag. */
  boolean: RawBuilder<unknown>;
  /** Unbounded text. */
  text: RawBuilder<unknown>;
}

/**
 * The column types for `dialect`.
 *
 * @example
 * ```ts
 * const types = columnTypes('mysql'); // timestamp → datetime(3)
 * ```
 */
export function columnTypes(dialect: FlowlessDialect): ColumnTypes {
  if (dialect === 'postgresql') {
    return { timestamp: sql`timestamptz(3)`, boolean: sql`boolean`, text: sql`text` };
  }
  if (dialect === 'mysql') {
    return { timestamp: sql`datetime(3)`, boolean: sql`boolean`, text: sql`text` };
  }
  return { timestamp: sql`text`, boolean: sql`integer`, text: sql`text` };
}
