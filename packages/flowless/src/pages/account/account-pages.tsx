/**
 * @module The account pages (registered by registerPages()).
 */
import type { PageRouter } from '../page-router.js';

/**
 * Registers the account pages.
 */
export function registerAccountPages(_pages: PageRouter): void {}
