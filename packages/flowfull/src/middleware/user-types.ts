/**
 * @module The privileged user types, by their one canonical name: `admin` and `superadmin`, as
 * Flowless stores them. User types are otherwise free-form strings (`customer`, `client`,
 * `teacher`…). A type written in a list or a request is read through {@link canonicalUserType},
 * so `super_admin` or `Super-Admin` means `superadmin`; a session's type is compared as the auth
 * server sent it, so a user stored as `super_admin` is not an admin.
 */

/** The type of a superadmin: an admin who may also manage superadmins. */
export const SUPERADMIN_USER_TYPE = 'superadmin';

/** The type of an admin. */
export const ADMIN_USER_TYPE = 'admin';

/** The user types admitted to admin routes. */
export const ADMIN_USER_TYPES: readonly string[] = Object.freeze([ADMIN_USER_TYPE, SUPERADMIN_USER_TYPE]);

const PRIVILEGED: ReadonlyMap<string, string> = new Map([
  ['admin', ADMIN_USER_TYPE],
  ['superadmin', SUPERADMIN_USER_TYPE],
]);

/**
 * The canonical name of a user type: any spelling of a privileged type (case, `_`, `-` and
 * spaces aside) becomes `admin` or `superadmin`; any other type is returned trimmed, unchanged.
 *
 * @example
 * ```ts
 * canonicalUserType('super_admin'); // 'superadmin'
 * canonicalUserType('customer'); // 'customer'
 * ```
 */
export function canonicalUserType(type: string): string {
  const trimmed = type.trim();
  return PRIVILEGED.get(trimmed.toLowerCase().replace(/[\s_-]/g, '')) ?? trimmed;
}

/**
 * Whether a session's user type may use admin routes (exactly `admin` or `superadmin`).
 *
 * @example
 * ```ts
 * if (!isAdminUserType(session.user_type)) return c.json(forbidden, 403);
 * ```
 */
export function isAdminUserType(type: string): boolean {
  return type === ADMIN_USER_TYPE || type === SUPERADMIN_USER_TYPE;
}
