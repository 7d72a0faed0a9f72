/**
 * @module The one error envelope: `errorEnvelope()`, `handleError()`, `handleNotFound()`.
 */
export type { ErrorEnvelope } from './envelope.js';
export { envelope, requestIdOf } from './envelope.js';
export type { ErrorHandlerOptions } from './error-envelope.js';
export { envelopeErrorResponse, errorEnvelope, handleError, handleNotFound } from './error-envelope.js';
