/**
 * @module The logger port of flowfull and Flowless: the part of pino's API they call (pino
 * satisfies it). Each component asks for the levels it uses (`Pick<Logger, 'warn' | 'error'>`),
 * so a smaller object works there. Fields are structured; secrets (session ids, passwords,
 * tokens) never go in them.
 */

/** A structured, levelled logger. */
export interface Logger {
  /** Detail for debugging (a fault the cache absorbed). */
  debug(fields: Record<string, unknown>, message: string): void;
  /** Routine events (one line per request, a key generated). */
  info(fields: Record<string, unknown>, message: string): void;
  /** Something unusual that was handled (a retry, a stale session served, a violation). */
  warn(fields: Record<string, unknown>, message: string): void;
  /** A fault an operator must look at (Flowless unreachable, a wrong bridge secret). */
  error(fields: Record<string, unknown>, message: string): void;
}

const drop = (): void => undefined;

/**
 * A logger that drops everything: the default wherever a logger is optional.
 *
 * @example
 * ```ts
 * const validator = new BridgeValidator({ flowlessApiUrl, validationSecret, logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = Object.freeze({ debug: drop, info: drop, warn: drop, error: drop });
