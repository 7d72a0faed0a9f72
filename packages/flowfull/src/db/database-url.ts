/**
 * @module Masking of database URLs, so that errors and logs never show a password or token.
 */

const MASK = '***';
/** Query parameters that carry a secret in libSQL, PostgreSQL and MySQL URLs. */
const SECRET_PARAMS = /^(password|pass|pwd|authtoken|auth_token|token|sslpassword|jwt)$/i;

/**
 * Returns `url` with its password and secret query parameters replaced by `***`; the scheme, user,
 * host, port and database stay readable. Strings that do not parse as URLs get any `user:secret@`
 * part masked the same way.
 *
 * @example
 * ```ts
 * maskDatabaseUrl('postgres://app:s3cret@db:5432/app'); // 'postgres://app:***@db:5432/app'
 * ```
 */
export function maskDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/([^/@:]*):[^@]*@/, `//$1:${MASK}@`);
  }
  let changed = false;
  if (parsed.password) {
    parsed.password = MASK;
    changed = true;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(key)) {
      parsed.searchParams.set(key, MASK);
      changed = true;
    }
  }
  // Serialising normalises some URLs (`file:./a.db` becomes `file:///a.db`): only do it when masking.
  if (!changed) return url;
  // URL serialises `***` in the password as `***` and in the query as `%2A%2A%2A`; keep both readable.
  return parsed.toString().replaceAll('%2A%2A%2A', MASK);
}
