/**
 * @module securityHeaders(): security headers for JSON APIs.
 */
export type { SecurityHeadersOptions } from './security-headers.js';
export { securityHeaders } from './security-headers.js';
