/**
 * @module Portable reading and writing of timestamps and booleans across PostgreSQL, MySQL and
 * libSQL. libSQL has no date type: timestamps are stored there as ISO 8601 text, which sorts and
 * compares correctly as long as every value uses the same `toISOString()` format.
 */
import type { FlowlessDialect } from './create-database.js';

/**
 * Converts a time (ms since the epoch) into the value a timestamp column takes on `dialect`.
 *
 * @example
 * ```ts
 * await db.updateTable('sessions').set({ last_used_at: toDbTime(dialect, clock.now()) });
 * ```
 */
export function toDbTime(dialect: FlowlessDialect, ms: number): Date | string {
  const date = new Date(ms);
  return dialect === 'libsql' ? date.toISOString() : date;
}

/**
 * Reads a timestamp column back as milliseconds since the epoch.
 *
 * @example
 * ```ts
 * const expiresAt = fromDbTime(row.expires_at);
 * ```
 */
export function fromDbTime(value: Date | string | number): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return new Date(value).getTime();
}

/**
 * Reads a nullable timestamp column as milliseconds, or `null`.
 *
 * @example
 * ```ts
 * const lastUsed = fromDbTimeOrNull(row.last_used_at);
 * ```
 */
export function fromDbTimeOrNull(value: Date | string | number | null): number | null {
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
 * Converts a boolean into the value a boolean column takes on `dialect` (libSQL stores integers).
 *
 * @example
 * ```ts
 * await db.updateTable('users').set({ is_banned: toDbBool(dialect, true) });
 * ```
 */
export function toDbBool(dialect: FlowlessDialect, value: boolean): boolean | number {
  return dialect === 'libsql' ? (value ? 1 : 0) : value;
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
