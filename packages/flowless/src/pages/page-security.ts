/**
 * @module The Content-Security-Policy of the hosted pages: nothing loads but the server's own
 * stylesheet and images and the scripts that carry this answer's nonce (no inline script without
 * it, no `eval`); forms post to the server itself or to the origins a sign-in may return to; no
 * page can be framed. Pages are never cached: they show a person's own data. The builder and the
 * middleware live in flowfull/server, shared with the starter's console.
 */
export { pageContentSecurityPolicy, pageSecurity } from 'flowfull/server';
