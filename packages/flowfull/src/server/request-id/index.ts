/**
 * @module requestId(): `X-Request-ID` in and out.
 */
export type { RequestIdOptions, RequestIdVariables } from './request-id.js';
export { requestId, requestIdAssigner } from './request-id.js';
