/**
 * @module pageSecurity(): the nonce Content-Security-Policy of server-rendered HTML pages.
 */
export type { PageSecurityVariables } from './page-security.js';
export { pageContentSecurityPolicy, pageSecurity } from './page-security.js';
