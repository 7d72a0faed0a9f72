/**
 * @module requireAuth middleware.
 */
import '../auth-variables.js';

export type { AuthenticatedVariables as RequireAuthVariables } from '../auth-variables.js';
export type { RequireAuthOptions } from './require-auth.js';
export { requireAuth } from './require-auth.js';
