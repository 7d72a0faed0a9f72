/**
 * @module The logger handed to the request log: it replaces secrets that travel in a path (the
 * password-reset token of `GET /auth/password-reset/validate/:token`) before the line is written,
 * since the request log records `path`. Session ids never travel in paths.
 */
import type { ServerLogger } from 'flowfull/server';

const TOKEN_IN_PATH = /^(.*\/password-reset\/validate\/)[^/]+$/;

function scrub(fields: Record<string, unknown>): Record<string, unknown> {
  const { path } = fields;
  return typeof path === 'string' && TOKEN_IN_PATH.test(path)
    ? { ...fields, path: path.replace(TOKEN_IN_PATH, '$1:token') }
    : fields;
}

/**
 * Wraps `logger` so that request lines never carry a token from the path.
 */
export function accessLogger(logger: ServerLogger): ServerLogger {
  return {
    info: (fields, message) => logger.info(scrub(fields), message),
    warn: (fields, message) => logger.warn(scrub(fields), message),
    error: (fields, message) => logger.error(scrub(fields), message),
  };
}
