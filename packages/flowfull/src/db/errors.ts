/**
 * @module The errors of the database concept, each with a stable `ERR_DB_*` code.
 */
import { FlowfullError, type FlowfullErrorOptions } from '../errors.js';
import type { DatabaseType } from './database-type.js';
import type { MigrationOutcome } from './migrations/run-migrations.js';

/** Every code a database error can carry. */
export type DatabaseErrorCode =
  | 'ERR_DB_URL_INVALID'
  | 'ERR_DB_CONFIG_INVALID'
  | 'ERR_DB_UNREACHABLE'
  | 'ERR_DB_ACQUIRE_TIMEOUT'
  | 'ERR_DB_POOL_QUEUE_FULL'
  | 'ERR_DB_UNIQUE_VIOLATION'
  | 'ERR_DB_FOREIGN_KEY_VIOLATION'
  | 'ERR_DB_QUERY_FAILED'
  | 'ERR_DB_PAGE_INVALID'
  | 'ERR_DB_MIGRATION_FAILED';

/**
 * Base of the database errors. Messages never contain a password: URLs go through
 * `maskDatabaseUrl` first.
 *
 * @example
 * ```ts
 * if (error instanceof DatabaseError && error.code === 'ERR_DB_UNREACHABLE') process.exit(1);
 * ```
 */
export class DatabaseError<Code extends DatabaseErrorCode = DatabaseErrorCode> extends FlowfullError<Code> {}

/** `DATABASE_URL` (or `DATABASE_TYPE`) names no supported database. */
export class DatabaseUrlError extends DatabaseError<'ERR_DB_URL_INVALID'> {
  constructor(message: string, options?: FlowfullErrorOptions) {
    super('ERR_DB_URL_INVALID', message, options);
  }
}

/** A pool size, timeout or SSL setting is out of range. */
export class DatabaseConfigError extends DatabaseError<'ERR_DB_CONFIG_INVALID'> {
  /** The configuration key at fault, e.g. `DATABASE_POOL_MAX`. */
  readonly key: string;

  constructor(key: string, message: string) {
    super('ERR_DB_CONFIG_INVALID', `${key}: ${message}`);
    this.key = key;
  }
}

/** The database did not answer `SELECT 1` within the connect timeout when it was opened. */
export class DatabaseUnreachableError extends DatabaseError<'ERR_DB_UNREACHABLE'> {
  /** The database URL with its password masked. */
  readonly url: string;

  constructor(url: string, timeoutMs: number, options?: FlowfullErrorOptions) {
    super('ERR_DB_UNREACHABLE', `database at ${url} did not answer within ${timeoutMs} ms`, options);
    this.url = url;
  }
}

/** Every pooled connection stayed busy for longer than the wait bound. */
export class DatabaseAcquireTimeoutError extends DatabaseError<'ERR_DB_ACQUIRE_TIMEOUT'> {
  constructor(timeoutMs: number, options?: FlowfullErrorOptions) {
    super('ERR_DB_ACQUIRE_TIMEOUT', `no database connection became free within ${timeoutMs} ms`, options);
  }
}

/** Too many queries were already waiting for a pooled connection. */
export class DatabasePoolQueueFullError extends DatabaseError<'ERR_DB_POOL_QUEUE_FULL'> {
  constructor(limit: number, options?: FlowfullErrorOptions) {
    super(
      'ERR_DB_POOL_QUEUE_FULL',
      `more than ${limit} queries are waiting for a database connection`,
      options,
    );
  }
}

/** Fields shared by constraint violations; values are never copied (they may be personal data). */
export interface ConstraintDetails {
  /** The dialect that reported the violation. */
  dialect?: DatabaseType;
  /** Name of the violated constraint or index, when the driver reports it. */
  constraint?: string;
}

/** An insert or update hit a unique key or primary key that another row already holds. */
export class UniqueViolationError extends DatabaseError<'ERR_DB_UNIQUE_VIOLATION'> {
  readonly dialect: DatabaseType | undefined;
  readonly constraint: string | undefined;

  constructor(details: ConstraintDetails, options?: FlowfullErrorOptions) {
    const on = details.constraint ? ` (${details.constraint})` : '';
    super('ERR_DB_UNIQUE_VIOLATION', `a row with the same unique key already exists${on}`, options);
    this.dialect = details.dialect;
    this.constraint = details.constraint;
  }
}

/** An insert, update or delete broke a foreign key. */
export class ForeignKeyViolationError extends DatabaseError<'ERR_DB_FOREIGN_KEY_VIOLATION'> {
  readonly dialect: DatabaseType | undefined;
  readonly constraint: string | undefined;

  constructor(details: ConstraintDetails, options?: FlowfullErrorOptions) {
    const on = details.constraint ? ` (${details.constraint})` : '';
    super(
      'ERR_DB_FOREIGN_KEY_VIOLATION',
      `the row references, or is referenced by, a missing row${on}`,
      options,
    );
    this.dialect = details.dialect;
    this.constraint = details.constraint;
  }
}

/** Any other driver failure, kept as `cause`. */
export class DatabaseQueryError extends DatabaseError<'ERR_DB_QUERY_FAILED'> {
  constructor(message: string, options?: FlowfullErrorOptions) {
    super('ERR_DB_QUERY_FAILED', message, options);
  }
}

/** A list was asked for with a page, limit, sort column or direction the repository does not allow. */
export class PageRequestError extends DatabaseError<'ERR_DB_PAGE_INVALID'> {
  /** The request field at fault: `page`, `limit`, `orderBy` or `direction`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('ERR_DB_PAGE_INVALID', `${field} ${message}`);
    this.field = field;
  }
}

/** A migration failed; `results` tells which ran, which failed and which were skipped. */
export class MigrationError extends DatabaseError<'ERR_DB_MIGRATION_FAILED'> {
  /** The migration that failed, when known. */
  readonly migration: string | undefined;
  /** What happened to each migration of the run. */
  readonly results: readonly MigrationOutcome[];

  constructor(
    migration: string | undefined,
    results: readonly MigrationOutcome[],
    options?: FlowfullErrorOptions,
  ) {
    super('ERR_DB_MIGRATION_FAILED', `migration ${migration ?? '(setup)'} failed`, options);
    this.migration = migration;
    this.results = results;
  }
}
