/**
 * @module Where a finished sign-in sends the browser: the `redirect` it asked for when that is a
 * plain path on this server (`/account`) or an absolute http(s) URL the operator allowed (the
 * origins of `FRONTEND_URL` and `CORS_ORIGINS`, and `ALLOWED_REDIRECT_URLS` with their paths);
 * anything else (`//evil.example`, `/\evil.example`, `javascript:`, a foreign origin) goes to
 * the account page. The target travels through the flow in a `redirect` query parameter or
 * hidden field and is checked again at every step.
 */
import type { FlowlessConfig } from '../../config/flowless-config.js';
import { isAllowedRedirect } from '../../mail/redirect-allow-list.js';

/** Where a sign-in goes without an allowed `redirect`. */
export const DEFAULT_REDIRECT = '/account';

type RedirectConfig = Pick<FlowlessConfig, 'FRONTEND_URL' | 'CORS_ORIGINS' | 'ALLOWED_REDIRECT_URLS'>;

const LOCAL_BASE = 'http://local.invalid';

// A path that stays on this server: one leading slash, then no slash or backslash (which
// browsers read as a scheme-relative URL), and no control characters or backslashes anywhere.
const PLAIN_PATH = /^\/(?![/\\])[^\\\s]*$/;

/** True when `value` holds a backslash, white space or a control character (never in a clean URL). */
const unclean = (value: string): boolean =>
  /[\\\s]/.test(value) || [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

function localPath(value: string): string | null {
  if (!PLAIN_PATH.test(value) || unclean(value)) return null;
  const url = new URL(value, LOCAL_BASE);
  return url.origin === LOCAL_BASE ? `${url.pathname}${url.search}${url.hash}` : null;
}

function allowedAbsolute(value: string, config: RedirectConfig): string | null {
  if (!URL.canParse(value) || unclean(value)) return null;
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const allowList = [
    new URL(config.FRONTEND_URL).origin,
    ...config.CORS_ORIGINS,
    ...config.ALLOWED_REDIRECT_URLS,
  ];
  return isAllowedRedirect(value, allowList) ? url.toString() : null;
}

/**
 * The allowed target of `value`, or {@link DEFAULT_REDIRECT}.
 *
 * @example
 * ```ts
 * safeRedirect('/account/sessions', config); // '/account/sessions'
 * safeRedirect('//evil.example', config); // '/account'
 * ```
 */
export function safeRedirect(value: string | undefined, config: RedirectConfig): string {
  if (!value || value.length > 2048) return DEFAULT_REDIRECT;
  return localPath(value) ?? allowedAbsolute(value, config) ?? DEFAULT_REDIRECT;
}

/**
 * `path` with `?redirect=<target>` when the target is not the default, so the next step keeps it.
 */
export function withRedirect(path: string, target: string): string {
  if (target === DEFAULT_REDIRECT) return path;
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}redirect=${encodeURIComponent(target)}`;
}
