/**
 * @module One attempt of a Flowless bridge call and how it failed: an {@link AttemptFailure}
 * carries the error to surface and whether another attempt may follow.
 */
import type { TransportReply } from './bridge-transport.js';
import { BridgeBadResponseError, BridgeError, BridgeTimeoutError, BridgeUnavailableError } from './errors.js';

/** Thrown inside an attempt to say whether another attempt may follow. */
export class AttemptFailure {
  constructor(
    readonly error: BridgeError,
    readonly retryable: boolean,
  ) {}
}

/** A non-2xx answer Flowless should not give: not retried. */
export function unexpectedStatus(status: number): AttemptFailure {
  return new AttemptFailure(new BridgeUnavailableError(`Flowless answered ${status}`, { status }), false);
}

/** Whether the reply is a 2xx. */
export function isOk(reply: TransportReply): boolean {
  return reply.status >= 200 && reply.status < 300;
}

/** The reply's body as JSON; a body that is not JSON is a bad response, not retried. */
export function readJson(reply: TransportReply): unknown {
  try {
    return JSON.parse(reply.body) as unknown;
  } catch (cause) {
    throw new AttemptFailure(
      new BridgeBadResponseError('Flowless answered with a body that is not JSON', { cause }),
      false,
    );
  }
}

/** What a thrown error means for the attempt: timeouts and network faults may be retried. */
export function classify(error: unknown): AttemptFailure {
  if (error instanceof AttemptFailure) return error;
  if (error instanceof BridgeError) return new AttemptFailure(error, false);
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new AttemptFailure(new BridgeTimeoutError(undefined, { cause: error }), true);
  }
  return new AttemptFailure(
    new BridgeUnavailableError('Flowless could not be reached', { cause: error }),
    true,
  );
}
