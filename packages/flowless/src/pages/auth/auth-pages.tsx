/**
 * @module The auth pages (registered by registerPages()).
 */
import type { PageRouter } from '../page-router.js';

/**
 * Registers the auth pages.
 */
export function registerAuthPages(_pages: PageRouter): void {}
