import { describe, expect, it } from 'vitest';
import { DatabaseQueryError, ForeignKeyViolationError, UniqueViolationError } from './errors.js';
import { isUniqueViolation, mapDatabaseError } from './map-database-error.js';

/** Errors shaped as each driver builds them (the integration suite checks the real ones). */
const pgError = (code: string) =>
  Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
    code,
    severity: 'ERROR',
    constraint: 'users_email_key',
  });
const mysqlError = (errno: number, code: string, sqlMessage: string) =>
  Object.assign(new Error(sqlMessage), { errno, code, sqlState: '23000', sqlMessage });
const libsqlError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('mapDatabaseError()', () => {
  it.each([
    ['pg 23505', pgError('23505'), 'postgresql', 'users_email_key'],
    [
      'mysql ER_DUP_ENTRY',
      mysqlError(1062, 'ER_DUP_ENTRY', "Duplicate entry 'ada@example.com' for key 'users_email_unique'"),
      'mysql',
      'users_email_unique',
    ],
    [
      'SQLITE_CONSTRAINT_UNIQUE',
      libsqlError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: users.email'),
      'libsql',
      'users.email',
    ],
    [
      'bare SQLITE_CONSTRAINT',
      libsqlError('SQLITE_CONSTRAINT', 'UNIQUE constraint failed: users.email'),
      'libsql',
      'users.email',
    ],
  ])('maps %s to ERR_DB_UNIQUE_VIOLATION', (_, raw, dialect, constraint) => {
    const mapped = mapDatabaseError(raw);
    expect(mapped).toBeInstanceOf(UniqueViolationError);
    expect(mapped).toMatchObject({ code: 'ERR_DB_UNIQUE_VIOLATION', dialect, constraint, cause: raw });
    expect(isUniqueViolation(raw)).toBe(true);
  });

  it('does not copy the duplicated value into the message', () => {
    const raw = mysqlError(1062, 'ER_DUP_ENTRY', "Duplicate entry 'ada@example.com' for key 'email'");
    expect(mapDatabaseError(raw).message).not.toContain('ada@example.com');
  });

  it('maps foreign-key violations to ERR_DB_FOREIGN_KEY_VIOLATION', () => {
    expect(mapDatabaseError(pgError('23503'))).toBeInstanceOf(ForeignKeyViolationError);
    expect(mapDatabaseError(mysqlError(1452, 'ER_NO_REFERENCED_ROW_2', 'Cannot add'))).toBeInstanceOf(
      ForeignKeyViolationError,
    );
    expect(
      mapDatabaseError(libsqlError('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed')),
    ).toBeInstanceOf(ForeignKeyViolationError);
  });

  it('maps anything else to ERR_DB_QUERY_FAILED and is not a unique violation', () => {
    for (const raw of [
      pgError('42P01'),
      mysqlError(1146, 'ER_NO_SUCH_TABLE', 'no table'),
      new Error('boom'),
      'text',
      null,
    ]) {
      expect(mapDatabaseError(raw)).toBeInstanceOf(DatabaseQueryError);
      expect(isUniqueViolation(raw)).toBe(false);
    }
  });

  it('returns flowfull database errors unchanged', () => {
    const mapped = new UniqueViolationError({ dialect: 'mysql' });
    expect(mapDatabaseError(mapped)).toBe(mapped);
    expect(isUniqueViolation(mapped)).toBe(true);
  });
});
