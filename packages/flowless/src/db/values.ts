/**
 * @module Portable reading of timestamps and booleans across PostgreSQL, MySQL and libSQL.
 * Timestamps are stored as epoch milliseconds (flowfull's portable `timestamp` column) and
 * booleans are written as `true`/`false` on every dialect; SQLite reads booleans back as `0`/`1`.
 */

/**
 * Reads a timestamp column (epoch ms; drivers may hand a 64-bit integer back as a string) as a
 * number of milliseconds.
 *
 * @example
 * ```ts
 * const expiresAt = fromDbTime(row.expires_at);
 * ```
 */
export function fromDbTime(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * Reads a nullable timestamp column as milliseconds, or `null`.
 *
 * @example
 * ```ts
 * const lastUsed = fromDbTimeOrNull(row.last_used_at);
 * ```
 */
export function fromDbTimeOrNull(value: number | string | null): number | null {
  return value === null ? null : fromDbTime(value);
}

/**
 * Reads a boolean column (`true`, `1`, `'1'`) as a real boolean.
 *
 * @example
 * ```ts
 * const verified = fromDbBool(row.is_verified);
 * ```
 */
export function fromDbBool(value: boolean | number | string | null): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/**
 * Formats milliseconds as ISO 8601 with a zone, the only date format Flowless emits.
 *
 * @example
 * ```ts
 * iso(0); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
