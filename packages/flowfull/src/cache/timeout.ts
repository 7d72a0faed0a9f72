/**
 * @module Bounds a call to the shared tier in time.
 */
import { CacheFaultError } from './errors.js';

/**
 * Settles like `work`, or rejects with `ERR_CACHE_TIMEOUT` after `ms`, then calls `onTimeout` so
 * the caller can cancel what has not started yet. A late settlement of `work` is ignored.
 */
export function withTimeout<R>(
  work: Promise<R>,
  ms: number,
  operation: string,
  onTimeout?: () => void,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new CacheFaultError('ERR_CACHE_TIMEOUT', `L2 ${operation} did not answer within ${ms} ms`));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
