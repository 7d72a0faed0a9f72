/**
 * @module requireUserType(): after `requireAuth()`, admits only sessions whose `user_type` is in
 * the list (403 otherwise; 401 without a session). The list is read by canonical names
 * (`super_admin` means `superadmin`); the session's type is compared as sent.
 */
import type { MiddlewareHandler } from 'hono';
import { canonicalUserType } from '../user-types.js';

/**
 * Restricts a route to some user types.
 *
 * @example
 * ```ts
 * app.delete('/api/v1/admin/users/:id', requireAuth(), requireUserType(['admin', 'superadmin']), handler);
 * ```
 */
export function requireUserType(allowedTypes: readonly string[]): MiddlewareHandler {
  if (
    !Array.isArray(allowedTypes) ||
    allowedTypes.length === 0 ||
    !allowedTypes.every((t) => typeof t === 'string')
  ) {
    throw new TypeError('requireUserType: "allowedTypes" must be a non-empty array of strings');
  }
  const allowed = new Set(allowedTypes.map(canonicalUserType));
  return async function requireUserType(c, next) {
    const session = c.get('session');
    if (!session) {
      return c.json({ success: false, error: 'Authentication required', code: 'AUTH_REQUIRED' }, 401);
    }
    if (!allowed.has(session.user_type)) {
      return c.json(
        { success: false, error: 'Insufficient permissions', code: 'INSUFFICIENT_PERMISSIONS' },
        403,
      );
    }
    await next();
    return undefined;
  };
}
