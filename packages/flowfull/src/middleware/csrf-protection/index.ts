/**
 * @module csrfProtection middleware.
 */
export type { CsrfProtectionOptions } from './csrf-protection.js';
export { csrfProtection, csrfRefusal } from './csrf-protection.js';
