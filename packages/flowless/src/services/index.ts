/**
 * @module The service bundle routes are built on.
 */
export type { FlowlessDeps, FlowlessServices, LimitedRoute } from './flowless-services.js';
export { createFlowlessServices } from './flowless-services.js';
