/**
 * @module requireUserType middleware.
 */
import '../auth-variables.js';

export { requireUserType } from './require-user-type.js';
