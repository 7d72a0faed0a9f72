/**
 * @module Detection of the database dialect from `DATABASE_URL`.
 */
import { maskDatabaseUrl } from './database-url.js';
import { DatabaseUrlError } from './errors.js';

/** The dialects flowfull runs on. */
export type DatabaseType = 'postgresql' | 'mysql' | 'libsql';

/** Every supported dialect, in a stable order. */
export const DATABASE_TYPES: readonly DatabaseType[] = Object.freeze(['postgresql', 'mysql', 'libsql']);

/** Options of {@link detectDatabaseType}. */
export interface DetectDatabaseTypeOptions {
  /** `LIBSQL_AUTH_TOKEN`: with it, `http://` and `https://` URLs name a remote libSQL server. @default null */
  libsqlAuthToken?: string | null;
}

const ACCEPTED =
  'postgres://, postgresql://, mysql://, libsql://, file: (embedded libSQL), or http(s):// together with LIBSQL_AUTH_TOKEN';

/**
 * Tells which dialect a database URL names.
 *
 * | URL starts with | dialect |
 * | --- | --- |
 * | `postgres://`, `postgresql://` | `'postgresql'` |
 * | `mysql://` | `'mysql'` |
 * | `libsql://`, `file:`, `http(s)://` with a libSQL token | `'libsql'` |
 *
 * @throws {DatabaseUrlError} `ERR_DB_URL_INVALID` for anything else; the message names
 *   `DATABASE_URL`, the accepted forms and the URL with its password masked.
 * @example
 * ```ts
 * detectDatabaseType('postgresql://app@localhost/app'); // 'postgresql'
 * detectDatabaseType('file:./.data/app.db'); // 'libsql'
 * ```
 */
export function detectDatabaseType(url: string, options: DetectDatabaseTypeOptions = {}): DatabaseType {
  const value = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return requireHost(value, 'postgresql');
  if (scheme === 'mysql') return requireHost(value, 'mysql');
  if (scheme === 'libsql') return requireHost(value, 'libsql');
  if (scheme === 'file') {
    if (value.length > 'file:'.length) return 'libsql';
    throw new DatabaseUrlError('DATABASE_URL "file:" names no file; write e.g. file:./.data/app.db');
  }
  if ((scheme === 'http' || scheme === 'https') && options.libsqlAuthToken)
    return requireHost(value, 'libsql');
  if (value === '') throw new DatabaseUrlError(`DATABASE_URL is empty; accepted forms: ${ACCEPTED}`);
  const hint =
    scheme === 'http' || scheme === 'https'
      ? ' (http(s):// is read as libSQL only when LIBSQL_AUTH_TOKEN is set)'
      : '';
  throw new DatabaseUrlError(
    `DATABASE_URL "${maskDatabaseUrl(value)}" names no supported database${hint}; accepted forms: ${ACCEPTED}`,
  );
}

function requireHost(url: string, type: DatabaseType): DatabaseType {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // Unparseable: reported below with the same message as a missing host.
  }
  if (host === '') {
    throw new DatabaseUrlError(
      `DATABASE_URL "${maskDatabaseUrl(url)}" is not a valid ${type} URL: it names no host`,
    );
  }
  return type;
}

/**
 * Narrows a string (such as `DATABASE_TYPE`) to a {@link DatabaseType}.
 *
 * @example
 * ```ts
 * isDatabaseType('mysql'); // true
 * ```
 */
export function isDatabaseType(value: unknown): value is DatabaseType {
  return typeof value === 'string' && (DATABASE_TYPES as readonly string[]).includes(value);
}
