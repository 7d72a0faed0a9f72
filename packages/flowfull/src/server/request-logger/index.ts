/**
 * @module requestLogger(): one JSON line per request.
 */
export type { RequestLoggerOptions } from './request-logger.js';
export { requestLine, requestLogger } from './request-logger.js';
