/**
 * @module Links in reset, verification and email-change mail may only point where the operator
 * allowed (`ALLOWED_REDIRECT_URLS`); anything else falls back to the frontend URL. The token
 * travels in the URL fragment (`#token=…`), which browsers send to no server: not to the page's
 * host, not in `Referer`, not into access logs.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function matches(candidate: URL, allowed: URL): boolean {
  if (candidate.username || candidate.password) return false;
  if (candidate.protocol !== allowed.protocol || candidate.host !== allowed.host) return false;
  const base = allowed.pathname.replace(/\/+$/, '');
  const path = candidate.pathname;
  return base === '' || path === base || path.startsWith(`${base}/`);
}

/**
 * True when `candidate` has the scheme, host and port of an allowed URL and a path at or below
 * its path. App deep links (`myapp://reset-password`) work the same way.
 */
export function isAllowedRedirect(candidate: string, allowList: readonly string[]): boolean {
  const url = parse(candidate);
  if (!url) return false;
  return allowList.some((entry) => {
    const allowed = parse(entry);
    return allowed !== null && matches(url, allowed);
  });
}

/**
 * The link to put in a mail: `requested` when allowed, else `fallback`, without its query and
 * fragment (a requester may not smuggle parameters into the page), and with `#token=<token>`.
 */
export function mailLink(
  requested: string | undefined,
  allowList: readonly string[],
  fallback: string,
  token: string,
): string {
  const base = requested && isAllowedRedirect(requested, allowList) ? requested : fallback;
  const url = new URL(base);
  url.search = '';
  url.hash = new URLSearchParams({ token }).toString();
  return url.toString();
}
