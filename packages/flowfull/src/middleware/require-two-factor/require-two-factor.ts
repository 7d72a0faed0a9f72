/**
 * @module requireTwoFactor(): after `requireAuth()`, admits only sessions on which Flowless
 * verified a second factor (`two_factor_verified`), optionally with one of some methods; 403
 * `TWO_FACTOR_REQUIRED` otherwise, 401 without a session.
 */
import type { MiddlewareHandler } from 'hono';

/** Options of {@link requireTwoFactor}. */
export interface RequireTwoFactorOptions {
  /**
   * Methods that count (`totp`, `email`, `sms`, `backup_codes`, ...); a session verified only with
   * others is refused. @default any method
   */
  methods?: readonly string[];
}

/**
 * Restricts a route to sessions verified with a second factor.
 *
 * @example
 * ```ts
 * app.post('/api/v1/payouts', requireAuth(), requireTwoFactor(), handler);
 * app.delete('/api/v1/account', requireAuth(), requireTwoFactor({ methods: ['totp'] }), handler);
 * ```
 */
export function requireTwoFactor(options: RequireTwoFactorOptions = {}): MiddlewareHandler {
  const { methods } = options;
  if (methods !== undefined && (!Array.isArray(methods) || !methods.every((m) => typeof m === 'string'))) {
    throw new TypeError('requireTwoFactor: "methods" must be an array of strings');
  }
  const wanted = methods && methods.length > 0 ? new Set(methods) : null;
  return async function requireTwoFactor(c, next) {
    const session = c.get('session');
    if (!session) {
      return c.json({ success: false, error: 'Authentication required', code: 'AUTH_REQUIRED' }, 401);
    }
    if (!satisfiesTwoFactor(session, wanted)) {
      return c.json(
        { success: false, error: 'Two-factor authentication required', code: 'TWO_FACTOR_REQUIRED' },
        403,
      );
    }
    await next();
    return undefined;
  };
}

/**
 * Whether a session was verified with a second factor (of one of `methods`, when given).
 */
export function satisfiesTwoFactor(
  session: { readonly two_factor_verified?: boolean; readonly two_factor_methods?: readonly string[] },
  methods: ReadonlySet<string> | null = null,
): boolean {
  // Sessions cached before these fields existed lack them: they count as not verified.
  if (session.two_factor_verified !== true) return false;
  return methods === null || (session.two_factor_methods ?? []).some((m) => methods.has(m));
}
