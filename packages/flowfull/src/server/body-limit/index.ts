/**
 * @module limitBody(): request body size limit (413).
 */
export { DEFAULT_BODY_LIMIT, limitBody } from './body-limit.js';
