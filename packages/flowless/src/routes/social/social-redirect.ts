/**
 * @module Where a social login sends the browser: an allow-listed `redirect` (or one on the
 * front end's origin, or on this server's own `PUBLIC_URL` origin: the hosted pages), else `redirect_path` under `FRONTEND_URL`, else `FRONTEND_URL/login`; and
 * the outcome parameters added to it.
 */
import { isAllowedRedirect } from '../../mail/redirect-allow-list.js';

/** What {@link socialRedirectTarget} reads of the configuration. */
export interface RedirectConfig {
  readonly FRONTEND_URL: string;
  readonly ALLOWED_REDIRECT_URLS: readonly string[];
  /** This server's public URL: its hosted pages may be a login's return. */
  readonly PUBLIC_URL?: string;
}

const parse = (value: string): URL | null => (URL.canParse(value) ? new URL(value) : null);

/**
 * The page a finished login goes to (never anywhere the operator did not allow).
 */
export function socialRedirectTarget(
  config: RedirectConfig,
  redirect: string | undefined,
  redirectPath: string | undefined,
): string {
  const frontend = new URL(config.FRONTEND_URL);
  if (redirect) {
    const url = parse(redirect);
    const own = [frontend.origin, ...(config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : [])];
    const sameOrigin = url !== null && own.includes(url.origin) && !url.username && !url.password;
    if (url && (sameOrigin || isAllowedRedirect(redirect, config.ALLOWED_REDIRECT_URLS)))
      return url.toString();
  }
  // Only a plain path: `//evil.example` or `/\evil.example` would leave the front end's origin.
  if (redirectPath && /^\/(?![/\\])/.test(redirectPath)) {
    const url = new URL(redirectPath, frontend);
    if (url.origin === frontend.origin) return url.toString();
  }
  return new URL('/login', frontend).toString();
}

/**
 * `target` with the outcome parameters added to its query (`social_login`, `provider`, …).
 */
export function withOutcome(target: string, params: Readonly<Record<string, string>>): string {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
