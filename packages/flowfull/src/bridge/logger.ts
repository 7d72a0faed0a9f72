/**
 * @module The logger port of the bridge: the subset of pino's API it uses. Fields are structured;
 * session ids never appear in them (only `session_hash` prefixes or user ids).
 */

/** Structured, levelled logger (pino satisfies it). */
export interface BridgeLogger {
  /** Something unusual that the bridge handled (a retry, a stale session served). */
  warn(fields: Record<string, unknown>, message: string): void;
  /** A fault the operator must look at (Flowless unreachable, wrong bridge secret). */
  error(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything: the default. */
export const silentLogger: BridgeLogger = Object.freeze({ warn: () => undefined, error: () => undefined });
