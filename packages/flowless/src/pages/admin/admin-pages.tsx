/**
 * @module The admin pages (registered by registerPages()).
 */
import type { PageRouter } from '../page-router.js';

/**
 * Registers the admin pages.
 */
export function registerAdminPages(_pages: PageRouter): void {}
