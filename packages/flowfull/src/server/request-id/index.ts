/**
 * @module requestId(): `X-Request-ID` in and out.
 */
export type { RequestIdOptions, RequestIdVariables } from './request-id.js';
export { requestId } from './request-id.js';
