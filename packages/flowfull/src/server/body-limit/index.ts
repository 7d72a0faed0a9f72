/**
 * @module limitBody(): request body size limit (413).
 */
export type { BodyLimitGate, BodyLimitVerdict } from './body-limit.js';
export { bodyLimitGate, DEFAULT_BODY_LIMIT, limitBody } from './body-limit.js';
