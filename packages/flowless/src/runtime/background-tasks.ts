/**
 * @module Work a request starts but does not wait for (sending mail), so that answers for known
 * and unknown accounts take the same time. Failures are logged, never thrown at the client.
 */
import type { Logger } from './logger.js';

/** Tracks fire-and-forget work so shutdown and tests can wait for it. */
export interface BackgroundTasks {
  /** Starts `task` without waiting for it. */
  run(name: string, task: () => Promise<unknown>): void;
  /** Resolves when every task started so far has settled. */
  drain(): Promise<void>;
}

/**
 * Creates a {@link BackgroundTasks} tracker that logs failures under `name`.
 */
export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const pending = new Set<Promise<unknown>>();
  return {
    run(name, task) {
      const promise = Promise.resolve()
        .then(task)
        .catch((error: unknown) => {
          logger.error(
            { task: name, err: error instanceof Error ? error.message : String(error) },
            'background task failed',
          );
        })
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
