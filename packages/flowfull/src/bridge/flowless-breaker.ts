/**
 * @module The circuit breaker in front of Flowless, with the bridge's defaults and its options
 * checked (a `TypeError` naming the option).
 */
import { CircuitBreaker, type CircuitBreakerOptions } from '../resilience/circuit-breaker.js';

/**
 * Creates the Flowless client's breaker.
 */
export function createFlowlessBreaker(
  options: CircuitBreakerOptions = {},
  now: () => number,
  random: () => number,
): CircuitBreaker {
  // Short first wait so a brief outage costs cold sessions well under a second once Flowless
  // answers again; doubling to 10 s so a long one costs one probe per wait.
  const { failureThreshold = 5, openDurationMs = 500, jitter = 0.1 } = options;
  const { maxOpenDurationMs = Math.max(10_000, openDurationMs) } = options;
  if (!Number.isSafeInteger(failureThreshold) || failureThreshold < 1) {
    throw new TypeError('FlowlessClient: option "breaker.failureThreshold" must be a positive integer');
  }
  if (!(openDurationMs >= 0) || !Number.isFinite(openDurationMs)) {
    throw new TypeError('FlowlessClient: option "breaker.openDurationMs" must be a number >= 0');
  }
  if (!(maxOpenDurationMs >= openDurationMs) || !Number.isFinite(maxOpenDurationMs)) {
    throw new TypeError(
      'FlowlessClient: option "breaker.maxOpenDurationMs" must be a number >= breaker.openDurationMs',
    );
  }
  if (!(jitter >= 0 && jitter < 1)) {
    throw new TypeError('FlowlessClient: option "breaker.jitter" must be a number in [0, 1)');
  }
  return new CircuitBreaker({
    now,
    random,
    ...options,
    failureThreshold,
    openDurationMs,
    maxOpenDurationMs,
    jitter,
  });
}
