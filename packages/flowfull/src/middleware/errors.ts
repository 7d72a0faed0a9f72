/**
 * @module The faults of the auth middleware (misconfiguration); request outcomes are JSON
 * responses, not errors.
 */
import { FlowfullError } from '../errors.js';

/** Stable codes of the middleware's errors. */
export type MiddlewareErrorCode = 'ERR_MIDDLEWARE_NO_VALIDATOR';

/**
 * The auth middleware was used without a validator installed for the app or passed to it.
 *
 * @example
 * ```ts
 * app.onError((e, c) => (e instanceof MiddlewareConfigError ? c.text('misconfigured', 500) : c.text('error', 500)));
 * ```
 */
export class MiddlewareConfigError extends FlowfullError<MiddlewareErrorCode> {
  constructor(message: string) {
    super('ERR_MIDDLEWARE_NO_VALIDATOR', message);
  }
}
