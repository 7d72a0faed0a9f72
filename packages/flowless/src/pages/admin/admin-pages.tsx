/**
 * @module The admin dashboard under `/admin` (registered by registerPages()): people, the
 * effective settings, the audit log and an overview of activity. Admins and superadmins only,
 * checked on the server for every page and form target (see admin-router).
 */
import { createSocialLoginServices } from '../../social/social-login-services.js';
import type { PageRouter } from '../page-router.js';
import { createAdminRouter } from './admin-router.js';
import { registerAuditPage } from './audit/audit-page.js';
import { registerOverviewPage } from './overview/overview-page.js';
import { registerSettingsPage } from './settings/settings-page.js';
import { registerUserActions } from './users/user-actions.js';
import { registerUserCreatePage } from './users/user-create-page.js';
import { registerUserDetailPage } from './users/user-detail-page.js';
import { registerUserListPage } from './users/user-list-page.js';

/**
 * Registers the admin pages.
 */
export function registerAdminPages(pages: PageRouter): void {
  const admin = createAdminRouter(pages);
  const social = createSocialLoginServices(pages.services).accounts;
  registerOverviewPage(admin);
  registerUserListPage(admin);
  // Before `/admin/users/:id`, which would read "new" as an id.
  registerUserCreatePage(admin);
  registerUserDetailPage(admin, social);
  registerUserActions(admin, social);
  registerSettingsPage(admin);
  registerAuditPage(admin);
}
