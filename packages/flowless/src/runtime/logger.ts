/**
 * @module The logger port: the subset of pino's API Flowless uses. Fields are structured; secrets
 * (passwords, session ids, tokens) are never passed to it.
 */

/** A levelled, structured logger (pino-compatible). */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const noop = (): void => undefined;

/** A logger that drops everything: the default for library use. */
export const silentLogger: Logger = Object.freeze({ debug: noop, info: noop, warn: noop, error: noop });
