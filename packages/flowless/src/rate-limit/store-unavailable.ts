/**
 * @module The answer when a rate-limit store fails: limits fail closed with a 503.
 */
import { FlowlessError } from '../errors.js';

/**
 * The `ERR_FLOWLESS_UNAVAILABLE` error (503, `Retry-After: 5`) for a failed counter store, keeping
 * the store's error as `cause`. A {@link FlowlessError} passes through unchanged.
 */
export function storeUnavailable(cause: unknown): FlowlessError {
  if (cause instanceof FlowlessError) return cause;
  return new FlowlessError('ERR_FLOWLESS_UNAVAILABLE', 'Service temporarily unavailable', {
    status: 503,
    cause,
    headers: { 'Retry-After': '5' },
  });
}
