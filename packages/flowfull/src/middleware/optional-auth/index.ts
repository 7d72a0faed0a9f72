/**
 * @module optionalAuth middleware.
 */
import '../auth-variables.js';

export type { AuthVariables as OptionalAuthVariables } from '../auth-variables.js';
export type { OptionalAuthOptions } from './optional-auth.js';
export { optionalAuth } from './optional-auth.js';
