/**
 * @module Turns driver errors from pg, mysql2 and libSQL into flowfull's typed database errors.
 */
import type { DatabaseType } from './database-type.js';
import {
  type ConstraintDetails,
  DatabaseError,
  DatabaseQueryError,
  ForeignKeyViolationError,
  UniqueViolationError,
} from './errors.js';

/** The fields the three drivers put on their errors, all optional. */
interface DriverErrorFields {
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  severity?: unknown;
  constraint?: unknown;
  message?: unknown;
  sqlMessage?: unknown;
}

type Kind = 'unique' | 'foreign-key' | 'other';

const PG_KINDS: Record<string, Kind> = { '23505': 'unique', '23503': 'foreign-key' };
const MYSQL_KINDS: Record<number, Kind> = {
  1062: 'unique',
  1216: 'foreign-key',
  1217: 'foreign-key',
  1451: 'foreign-key',
  1452: 'foreign-key',
};
const SQLITE_KINDS: Record<string, Kind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign-key',
};

/**
 * Maps any error a query threw to a {@link DatabaseError}: unique and primary-key violations become
 * {@link UniqueViolationError} (`ERR_DB_UNIQUE_VIOLATION`), foreign-key violations
 * {@link ForeignKeyViolationError}, everything else {@link DatabaseQueryError}; flowfull errors pass
 * through unchanged. The driver error stays as `cause`; its message is not copied, since MySQL and
 * SQLite quote the offending value there.
 *
 * @example
 * ```ts
 * try {
 *   await db.insertInto('users').values(user).execute();
 * } catch (error) {
 *   throw mapDatabaseError(error); // UniqueViolationError when the email is taken
 * }
 * ```
 */
export function mapDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const { kind, details } = classify(error);
  if (kind === 'unique') return new UniqueViolationError(details, { cause: error });
  if (kind === 'foreign-key') return new ForeignKeyViolationError(details, { cause: error });
  const code = fieldsOf(error).code;
  const suffix = typeof code === 'string' || typeof code === 'number' ? ` (${code})` : '';
  return new DatabaseQueryError(`database query failed${suffix}`, { cause: error });
}

/**
 * Whether `error` (raw from a driver, or already mapped) is a unique or primary-key violation.
 *
 * @example
 * ```ts
 * const created = await repo.create(user).catch((error) => (isUniqueViolation(error) ? null : Promise.reject(error)));
 * ```
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof UniqueViolationError) return true;
  return !(error instanceof DatabaseError) && classify(error).kind === 'unique';
}

function fieldsOf(error: unknown): DriverErrorFields {
  return typeof error === 'object' && error !== null ? (error as DriverErrorFields) : {};
}

function classify(error: unknown): { kind: Kind; details: ConstraintDetails } {
  const fields = fieldsOf(error);
  const message = typeof fields.message === 'string' ? fields.message : '';
  if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && fields.severity !== undefined) {
    const constraint = typeof fields.constraint === 'string' ? fields.constraint : undefined;
    return { kind: PG_KINDS[fields.code] ?? 'other', details: details('postgresql', constraint) };
  }
  if (typeof fields.errno === 'number' && fields.sqlState !== undefined) {
    const sqlMessage = typeof fields.sqlMessage === 'string' ? fields.sqlMessage : message;
    const constraint =
      /for key '([^']+)'/.exec(sqlMessage)?.[1] ?? /CONSTRAINT `([^`]+)`/.exec(sqlMessage)?.[1];
    return { kind: MYSQL_KINDS[fields.errno] ?? 'other', details: details('mysql', constraint) };
  }
  if (typeof fields.code === 'string' && fields.code.startsWith('SQLITE_')) {
    const kind = SQLITE_KINDS[fields.code] ?? sqliteKindFromMessage(message);
    const constraint = /constraint failed: ([^\s,]+)/i.exec(message)?.[1];
    return { kind, details: details('libsql', constraint) };
  }
  return { kind: 'other', details: {} };
}

/** Older libSQL clients report only `SQLITE_CONSTRAINT`; the message then tells which kind. */
function sqliteKindFromMessage(message: string): Kind {
  if (/UNIQUE constraint failed/i.test(message)) return 'unique';
  if (/FOREIGN KEY constraint failed/i.test(message)) return 'foreign-key';
  return 'other';
}

function details(dialect: DatabaseType, constraint: string | undefined): ConstraintDetails {
  return constraint === undefined ? { dialect } : { dialect, constraint };
}
