/**
 * @module refuseApiTokens middleware.
 */
import '../auth-variables.js';

export { apiTokenRefusal, refuseApiTokens } from './refuse-api-tokens.js';
