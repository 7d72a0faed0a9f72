/**
 * @module OpenAPI 3.1 from the Zod route schemas.
 */
export type { OpenApiInfo } from './openapi-registry.js';
export { OpenApiRegistry } from './openapi-registry.js';
export type { RouteMethod, RouteResponse, RouteSpec } from './route-spec.js';
