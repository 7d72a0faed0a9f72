/**
 * @module Portable reading of timestamps and booleans across PostgreSQL, MySQL and libSQL.
 * Timestamps are stored as epoch milliseconds (flowfull's portable `timestamp` column) and
 * booleans are written as `true`/`false` on every dialect; SQLite reads booleans back as `0`/`1`.
 */

/**
 * Reads a timestamp column (epoch ms; drivers may hand a 64-bit integer back as a string) as a
 * number of milliseconds.
 */
export function fromDbTime(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * Reads a nullable timestamp column as milliseconds, or `null`.
 */
export function fromDbTimeOrNull(value: number | string | null): number | null {
  return value === null ? null : fromDbTime(value);
}

/**
 * Reads a boolean column (`true`, `1`, `'1'`) as a real boolean.
 */
export function fromDbBool(value: boolean | number | string | null): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/**
 * Formats milliseconds as ISO 8601 with a zone, the only date format Flowless emits.
 */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
