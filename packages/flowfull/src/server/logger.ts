/**
 * @module `createServerLogger()`: a pino logger with the redaction rules every server needs. It
 * satisfies flowfull's logger port (`Logger`, re-exported here).
 */
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import { defaultOf } from '../config/env-variable.js';
import { flowfullVariables } from '../config/variables.js';
import { type Logger, silentLogger } from '../logger.js';

/**
 * A logger that drops everything.
 *
 * @deprecated Use `silentLogger`, the same object.
 * @example
 * ```ts
 * applyServerDefaults(app, { logger: silentServerLogger });
 * ```
 */
export const silentServerLogger: Logger = silentLogger;

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
export function createServerLogger(options: ServerLoggerOptions = {}): PinoLogger {
  const settings = {
    level: options.level ?? defaultOf(flowfullVariables.LOG_LEVEL),
    base: { ...options.base },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
