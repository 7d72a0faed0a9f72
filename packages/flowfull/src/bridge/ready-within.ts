/**
 * @module Waits for a one-time event (a first subscription) for a bounded time, as `ready()` does.
 */

/**
 * Resolves true once `event` resolves, or false when `timeoutMs` passes first; never rejects.
 */
export async function readyWithin(event: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([event.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
