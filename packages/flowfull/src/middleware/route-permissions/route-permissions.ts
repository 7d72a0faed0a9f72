/**
 * @module routePermissions(): a declarative table of glob paths → who may call them, applied by
 * one app-level middleware (a `ROUTE_PERMISSIONS` table).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { BridgeSession } from '../../bridge/types.js';
import { type AuthOptions, settingsResolver } from '../auth-settings.js';
import { applyResult, authenticate, refuse } from '../authenticate.js';
import { satisfiesTwoFactor } from '../require-two-factor/require-two-factor.js';
import { ADMIN_USER_TYPES, canonicalUserType } from '../user-types.js';
import { compilePathPattern, type PathPattern } from './path-pattern.js';

/** Decides whether the caller owns the resource of the request; `session` is null for guests. */
export type OwnershipCheck = (c: Context, session: BridgeSession | null) => boolean | Promise<boolean>;

/** Who may call the routes matching one path. */
export interface RoutePermission {
  /** User types admitted (`super_admin` is read as `superadmin`); `'guest'` admits requests without a session, `'anonymous'` admits anyone. @default any */
  allowedUserTypes?: readonly string[];
  /** Refuse requests without a valid session (401); when false the session is optional. @default true */
  requireAuth?: boolean;
  /** Admit only the admin user types of the options. @default false */
  adminOnly?: boolean;
  /** Run an ownership check: `true` uses the `ownershipCheck` option, or give the check itself. @default false */
  ownershipCheck?: boolean | OwnershipCheck;
  /**
   * Admit only sessions on which Flowless verified a second factor (403 `TWO_FACTOR_REQUIRED`);
   * implies a session. @default false
   */
  requireTwoFactor?: boolean;
}

/** Options of {@link routePermissions}. */
export interface RoutePermissionsOptions extends AuthOptions {
  /** The ownership check used by entries with `ownershipCheck: true`. @default none (such entries throw at setup) */
  ownershipCheck?: OwnershipCheck;
  /** User types that `adminOnly` admits (`super_admin` is read as `superadmin`). @default ['admin', 'superadmin'] */
  adminUserTypes?: readonly string[];
}

interface CompiledRule {
  readonly pattern: PathPattern;
  readonly permission: RoutePermission;
  /** `allowedUserTypes` by their canonical names, or null for any. */
  readonly allowed: ReadonlySet<string> | null;
  readonly ownership: OwnershipCheck | null;
}

const twoFactorRequired = {
  success: false,
  error: 'Two-factor authentication required',
  code: 'TWO_FACTOR_REQUIRED',
} as const;

const forbidden = {
  success: false,
  error: 'Insufficient permissions',
  code: 'INSUFFICIENT_PERMISSIONS',
} as const;

/**
 * Applies a route-permission table; the most specific matching path wins, unmatched paths pass.
 *
 * @example
 * ```ts
 * const ROUTE_PERMISSIONS: Record<string, RoutePermission> = {
 *   '/api/v1/admin/*': { allowedUserTypes: ['admin', 'superadmin'], requireAuth: true, adminOnly: true },
 *   '/api/v1/payments': { allowedUserTypes: ['admin', 'user', 'guest'], requireAuth: false, ownershipCheck: true },
 *   '/api/v1/webhooks/*': { allowedUserTypes: ['anonymous'], requireAuth: false },
 * };
 * app.use('*', routePermissions(ROUTE_PERMISSIONS, { ownershipCheck: (c, s) => ownsPayment(c, s) }));
 * ```
 */
export function routePermissions(
  table: Readonly<Record<string, RoutePermission>>,
  options: RoutePermissionsOptions = {},
): MiddlewareHandler {
  const { ownershipCheck, adminUserTypes = ADMIN_USER_TYPES, ...auth } = options;
  const rules = compile(table, ownershipCheck ?? null);
  const admins = new Set(adminUserTypes.map(canonicalUserType));
  const settingsFor = settingsResolver(auth);
  return async function routePermissions(c, next) {
    const rule = rules.find((r) => r.pattern.regex.test(c.req.path));
    if (rule === undefined) return next();
    const { permission } = rule;
    const result = await authenticate(c, settingsFor(c));
    if (!result.success && (permission.requireAuth ?? true)) return refuse(c, result);
    applyResult(c, result);
    const session = result.success ? result.session : null;
    if (!admitted(rule, session, admins)) return c.json(forbidden, 403);
    if (permission.requireTwoFactor === true) {
      if (!result.success) return refuse(c, result);
      if (!satisfiesTwoFactor(result.session)) return c.json(twoFactorRequired, 403);
    }
    if (rule.ownership !== null && !(await rule.ownership(c, session))) return c.json(forbidden, 403);
    await next();
    return undefined;
  };
}

function admitted(rule: CompiledRule, session: BridgeSession | null, admins: ReadonlySet<string>): boolean {
  const { permission, allowed } = rule;
  if (permission.adminOnly && (session === null || !admins.has(session.user_type))) return false;
  if (allowed === null || allowed.has('anonymous')) return true;
  return session === null ? allowed.has('guest') : allowed.has(session.user_type);
}

function compile(
  table: Readonly<Record<string, RoutePermission>>,
  check: OwnershipCheck | null,
): CompiledRule[] {
  return Object.entries(table)
    .map(([path, permission]) => {
      let ownership: OwnershipCheck | null = null;
      if (typeof permission.ownershipCheck === 'function') ownership = permission.ownershipCheck;
      else if (permission.ownershipCheck === true) {
        if (check === null) {
          throw new TypeError(
            `routePermissions: "${path}" sets ownershipCheck but option "ownershipCheck" is missing`,
          );
        }
        ownership = check;
      }
      const types = permission.allowedUserTypes;
      const allowed =
        types === undefined || types.length === 0 ? null : new Set(types.map(canonicalUserType));
      return { pattern: compilePathPattern(path), permission, allowed, ownership };
    })
    .sort((a, b) => b.pattern.specificity - a.pattern.specificity);
}
