/**
 * @module How the auth middleware finds its validator and reads a request: resolved once per app
 * by `bridgeAuth()` (or per middleware when a validator is passed explicitly).
 */
import type { Context } from 'hono';
import type { BridgeValidator } from '../bridge/bridge-validator.js';
import { type ClientIpResolver, createClientIpResolver } from '../validation/client-ip.js';
import { MiddlewareConfigError } from './errors.js';
import { DEFAULT_SESSION_COOKIES } from './session-cookies.js';

/** Options shared by `bridgeAuth()`, `requireAuth()`, `optionalAuth()` and `routePermissions()`. */
export interface AuthOptions {
  /** The validator; when omitted, the one installed by `bridgeAuth()` for the app. */
  validator?: BridgeValidator;
  /** Read the session id from `?session_id=` (`AUTH_SESSION_FROM_QUERY`); URLs end up in logs, so turn it off when clients allow. @default true */
  sessionFromQuery?: boolean;
  /** Proxies (IPs or CIDR ranges) whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`). @default [] */
  trustedProxies?: readonly string[];
  /** Header carrying the session id. @default 'X-Session-ID' */
  sessionHeader?: string;
  /** Cookies carrying the session id, in order. @default ['__Host-session_id', 'session_id', 'sessionId'] */
  sessionCookies?: readonly string[];
  /** Header carrying the client's device id. @default 'X-Device-ID' */
  deviceIdHeader?: string;
}

/** Resolved auth settings. */
export interface AuthSettings {
  readonly validator: BridgeValidator | null;
  readonly sessionFromQuery: boolean;
  readonly clientIp: ClientIpResolver;
  readonly sessionHeader: string;
  readonly sessionCookies: readonly string[];
  readonly deviceIdHeader: string;
}

/** Resolves options once; explicit fields win over `base` (the app's settings). */
export function resolveAuthSettings(options: AuthOptions, base?: AuthSettings): AuthSettings {
  return Object.freeze({
    validator: options.validator ?? base?.validator ?? null,
    sessionFromQuery: options.sessionFromQuery ?? base?.sessionFromQuery ?? true,
    clientIp:
      options.trustedProxies !== undefined
        ? createClientIpResolver(options.trustedProxies)
        : (base?.clientIp ?? createClientIpResolver([])),
    // Stored lower case: header look-ups on the warm path then need no conversion.
    sessionHeader: (options.sessionHeader ?? base?.sessionHeader ?? 'X-Session-ID').toLowerCase(),
    sessionCookies: options.sessionCookies ?? base?.sessionCookies ?? DEFAULT_SESSION_COOKIES,
    deviceIdHeader: (options.deviceIdHeader ?? base?.deviceIdHeader ?? 'X-Device-ID').toLowerCase(),
  });
}

/** Resolved settings with a validator, ready to authenticate. */
export type ActiveAuthSettings = AuthSettings & { readonly validator: BridgeValidator };

/**
 * Builds the per-request settings lookup of one middleware: its own options over the app's
 * `bridgeAuth()` settings (merged once per app), or a {@link MiddlewareConfigError} when neither
 * gives a validator.
 */
export function settingsResolver(options: AuthOptions): (c: Context) => ActiveAuthSettings {
  const empty = Object.values(options).every((value) => value === undefined);
  const standalone = options.validator === undefined ? null : resolveAuthSettings(options);
  const merged = new WeakMap<AuthSettings, AuthSettings>();
  return (c) => {
    const app = c.get('flowfull_auth') as AuthSettings | undefined;
    let settings: AuthSettings | null | undefined = empty ? app : standalone;
    if (app !== undefined && !empty) {
      settings = merged.get(app);
      if (settings === undefined) {
        settings = resolveAuthSettings(options, app);
        merged.set(app, settings);
      }
    }
    if (!settings?.validator) {
      throw new MiddlewareConfigError(
        'No BridgeValidator: install one with app.use(bridgeAuth({ validator })) or pass { validator }',
      );
    }
    return settings as ActiveAuthSettings;
  };
}
