/**
 * @module securityHeaders(): security headers for JSON APIs.
 */
export type { HeaderPair, SecurityHeadersOptions } from './security-headers.js';
export { securityHeaderList, securityHeaders, setSecurityHeaders } from './security-headers.js';
