/**
 * @module routePermissions middleware: the declarative route-permission table.
 */
import '../auth-variables.js';

export type { OwnershipCheck, RoutePermission, RoutePermissionsOptions } from './route-permissions.js';
export { routePermissions } from './route-permissions.js';
