/**
 * @module The faults of bridge validation. Expected outcomes (an unknown or expired session) are
 * results, not errors; these are thrown only when Flowless cannot give an answer.
 */
import { FlowfullError, type FlowfullErrorOptions } from '../errors.js';

/** Stable codes of the bridge's errors. */
export type BridgeErrorCode =
  | 'ERR_BRIDGE_TIMEOUT'
  | 'ERR_BRIDGE_UNAVAILABLE'
  | 'ERR_BRIDGE_CIRCUIT_OPEN'
  | 'ERR_BRIDGE_BAD_RESPONSE'
  | 'ERR_BRIDGE_REJECTED_SECRET';

/**
 * Base of the bridge's errors.
 *
 * @example
 * ```ts
 * if (error instanceof BridgeError && error.code === 'ERR_BRIDGE_CIRCUIT_OPEN') metrics.inc();
 * ```
 */
export class BridgeError extends FlowfullError<BridgeErrorCode> {}

/** Options of bridge errors that carry the HTTP status Flowless answered with. */
export interface BridgeErrorOptions extends FlowfullErrorOptions {
  /** HTTP status from Flowless, when there was a response. */
  status?: number;
}

/** Flowless did not answer within the per-attempt timeout or the overall deadline. */
export class BridgeTimeoutError extends BridgeError {
  constructor(message = 'Flowless did not answer in time', options: FlowfullErrorOptions = {}) {
    super('ERR_BRIDGE_TIMEOUT', message, options);
  }
}

/** Flowless could not be reached or answered with a server error (5xx) or an unexpected status. */
export class BridgeUnavailableError extends BridgeError {
  /** HTTP status from Flowless, when there was a response. */
  readonly status: number | undefined;

  constructor(message = 'Flowless is unavailable', options: BridgeErrorOptions = {}) {
    super('ERR_BRIDGE_UNAVAILABLE', message, options);
    this.status = options.status;
  }
}

/** The circuit breaker is open after repeated failures: Flowless was not called. */
export class BridgeCircuitOpenError extends BridgeError {
  constructor(
    message = 'Flowless circuit is open after repeated failures',
    options: FlowfullErrorOptions = {},
  ) {
    super('ERR_BRIDGE_CIRCUIT_OPEN', message, options);
  }
}

/** Flowless answered 2xx with a body that is not a bridge validation response. */
export class BridgeBadResponseError extends BridgeError {
  constructor(message = 'Flowless answered with an unreadable body', options: FlowfullErrorOptions = {}) {
    super('ERR_BRIDGE_BAD_RESPONSE', message, options);
  }
}

/** Flowless refused the bridge secret: a configuration fault, not a bad session. */
export class BridgeSecretRejectedError extends BridgeError {
  constructor(message = 'Flowless rejected the bridge secret', options: FlowfullErrorOptions = {}) {
    super('ERR_BRIDGE_REJECTED_SECRET', message, options);
  }
}
