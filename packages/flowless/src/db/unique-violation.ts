/**
 * @module Recognises a unique-constraint violation on every dialect, so a race between two
 * registrations of the same email ends in the same typed conflict as a sequential duplicate.
 */

/**
 * True when `error` is a unique-constraint violation (PostgreSQL 23505, MySQL 1062, SQLite
 * `SQLITE_CONSTRAINT_UNIQUE`).
 *
 * @example
 * ```ts
 * try { await insert(); } catch (error) { if (isUniqueViolation(error)) return conflict(); throw error; }
 * ```
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown };
  if (code === '23505' || code === 'ER_DUP_ENTRY' || errno === 1062) return true;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return typeof message === 'string' && message.includes('UNIQUE');
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isUniqueViolation(cause);
}
