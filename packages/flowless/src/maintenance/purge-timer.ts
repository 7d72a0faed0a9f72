/**
 * @module Runs the expired-row purge every `intervalMs` in the server process. The timer is
 * unref'd (it never keeps the process alive), runs never overlap, failures are logged and retried
 * at the next tick, and `stop()` clears the timer and waits for a run in progress.
 */
import type { Logger } from 'flowfull/server';
import type { ExpiredRowPurge } from './expired-row-purge.js';

/** Options of {@link startPurgeTimer}. */
export interface PurgeTimerOptions {
  purge: ExpiredRowPurge;
  /** Time between two runs, in ms; 0 starts no timer. */
  intervalMs: number;
  logger: Logger;
}

/** A running purge timer. */
export interface PurgeTimer {
  /** Runs one purge now, unless one is in progress (then waits for that one). */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Starts the periodic purge.
 *
 * @throws TypeError when `intervalMs` is negative or not a whole number.
 * @example
 * ```ts
 * const timer = startPurgeTimer({ purge, intervalMs: config.PURGE_INTERVAL_MS, logger });
 * await timer.stop();
 * ```
 */
export function startPurgeTimer(options: PurgeTimerOptions): PurgeTimer {
  const { purge, intervalMs, logger } = options;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 0) {
    throw new TypeError('startPurgeTimer: options.intervalMs must be a whole number of ms, 0 or more');
  }
  let running: Promise<void> | null = null;
  const runNow = (): Promise<void> => {
    running ??= purge
      .purgeExpired()
      .then(({ sessions, oneTimeTokens, twoFactorChallenges, auditEvents }) => {
        if (sessions + oneTimeTokens + twoFactorChallenges + auditEvents > 0) {
          logger.info(
            {
              event: 'purge',
              sessions,
              one_time_tokens: oneTimeTokens,
              two_factor_challenges: twoFactorChallenges,
              audit_events: auditEvents,
            },
            'expired rows purged',
          );
        }
      })
      .catch((error: unknown) => {
        logger.warn(
          { event: 'purge.failed', err: error instanceof Error ? error.message : String(error) },
          'expired-row purge failed; retrying at the next interval',
        );
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = intervalMs > 0 ? setInterval(() => void runNow(), intervalMs) : null;
  timer?.unref();
  return {
    runNow,
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
