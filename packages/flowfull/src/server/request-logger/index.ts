/**
 * @module requestLogger(): one JSON line per request.
 */
export type { RequestLoggerOptions } from './request-logger.js';
export { requestLogger } from './request-logger.js';
