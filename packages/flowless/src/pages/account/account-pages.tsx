/**
 * @module The account pages (registered by registerPages()): `/account` (profile, picture,
 * password), `/account/security` (second factors, passkeys, backup codes), `/account/sessions`,
 * `/account/tokens` (personal API tokens) and `/account/connections` (linked social accounts).
 * Every route needs a signed-in viewer and calls the services the JSON routes call.
 */
import type { PageRouter } from '../page-router.js';
import { registerAccountHome } from './account-home.js';
import { registerConnectionsPage } from './connections-page.js';
import { registerSecurityPage } from './security-page.js';
import { registerSessionsPage } from './sessions-page.js';
import { registerTokensPage } from './tokens-page.js';

/**
 * Registers the account pages.
 */
export function registerAccountPages(pages: PageRouter): void {
  registerAccountHome(pages);
  registerSecurityPage(pages);
  registerSessionsPage(pages);
  registerTokensPage(pages);
  registerConnectionsPage(pages);
}
