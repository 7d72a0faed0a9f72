/**
 * @module corsOrigins(): CORS for an exact origin list, with credentials.
 */
export type { CorsOriginsOptions, CorsPolicy } from './cors-origins.js';
export { corsOrigins, corsPolicy } from './cors-origins.js';
