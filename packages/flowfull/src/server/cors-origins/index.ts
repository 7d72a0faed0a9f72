/**
 * @module corsOrigins(): CORS for an exact origin list, with credentials.
 */
export type { CorsOriginsOptions } from './cors-origins.js';
export { corsOrigins } from './cors-origins.js';
