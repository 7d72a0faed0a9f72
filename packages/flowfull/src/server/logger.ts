/**
 * @module The logger port of flowfull/server (pino satisfies it) and `createServerLogger()`, a pino
 * logger with the redaction rules every server needs.
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import { defaultOf } from '../config/env-variable.js';
import { flowfullVariables } from '../config/variables.js';

/** Structured, levelled logger: the subset of pino the server defaults use. */
export interface ServerLogger {
  /** Routine events (one line per request). */
  info(fields: Record<string, unknown>, message: string): void;
  /** Something unusual that was handled. */
  warn(fields: Record<string, unknown>, message: string): void;
  /** A fault an operator must look at. */
  error(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything. */
export const silentServerLogger: ServerLogger = Object.freeze({
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

/** Field paths pino censors wherever they appear (top level or one level down). */
export const REDACTED_PATHS: readonly string[] = Object.freeze(
  [
    'password',
    'current_password',
    'new_password',
    'token',
    'secret',
    'session_id',
    'sessionId',
    'authorization',
    'cookie',
    'x-session-id',
    'x-bridge-secret',
  ].flatMap((key) => [`["${key}"]`, `*["${key}"]`]),
);

/** Options of {@link createServerLogger}. */
export interface ServerLoggerOptions {
  /** pino level. @default 'info' */
  level?: string;
  /** Static fields on every line (service name, instance). @default {} */
  base?: Record<string, unknown>;
  /** Where lines go. @default standard output */
  destination?: DestinationStream;
}

/**
 * A JSON-lines pino logger that censors passwords, tokens, secrets, session ids, cookies and
 * authorization headers (`[redacted]`).
 *
 * @example
 * ```ts
 * const logger = createServerLogger({ level: config.LOG_LEVEL, base: { service: 'starter' } });
 * ```
 */
export function createServerLogger(options: ServerLoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? defaultOf(flowfullVariables.LOG_LEVEL),
    base: { ...options.base },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
