/**
 * @module The logger port of the bridge: the subset of pino's API it uses. Fields are structured;
 * session ids never appear in them (only `session_hash` prefixes or user ids).
 */
import { BridgeError } from './errors.js';

/** Structured, levelled logger (pino satisfies it). */
export interface BridgeLogger {
  /** Something unusual that the bridge handled (a retry, a stale session served). */
  warn(fields: Record<string, unknown>, message: string): void;
  /** A fault the operator must look at (Flowless unreachable, wrong bridge secret). */
  error(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything: the default. */
export const silentLogger: BridgeLogger = Object.freeze({ warn: () => undefined, error: () => undefined });

/** Loggable fields of a fault: its stable code when it has one, and its message. */
export function errorFields(error: unknown): { code?: string; message: string } {
  if (error instanceof BridgeError) return { code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}
