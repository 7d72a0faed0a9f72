/**
 * @module The errors of flowfull/server: `ApiError`, which a handler throws to answer with a
 * specific status and stable code through the one error envelope.
 */
import { FlowfullError, type FlowfullErrorOptions } from '../errors.js';

/** The codes the server defaults put in envelopes they produce themselves. */
export type ServerErrorCode =
  | 'ERR_HTTP_BAD_REQUEST'
  | 'ERR_HTTP_UNAUTHORIZED'
  | 'ERR_HTTP_FORBIDDEN'
  | 'ERR_HTTP_NOT_FOUND'
  | 'ERR_HTTP_METHOD_NOT_ALLOWED'
  | 'ERR_HTTP_PAYLOAD_TOO_LARGE'
  | 'ERR_HTTP_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_HTTP_VALIDATION_FAILED'
  | 'ERR_HTTP_TOO_MANY_REQUESTS'
  | 'ERR_HTTP_NOT_READY'
  | 'ERR_HTTP_UNAVAILABLE'
  | 'ERR_HTTP_INTERNAL'
  | 'ERR_HTTP_ERROR';

/** Options of {@link ApiError}. */
export interface ApiErrorOptions extends FlowfullErrorOptions {
  /** Extra JSON fields merged into the envelope (e.g. `fields` of a validation failure). @default {} */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * An error that becomes `{ success: false, error: message, code, request_id, ...details }` with
 * `status`. The message is shown to clients: never put internal detail in it.
 *
 * @example
 * ```ts
 * if (!item) throw new ApiError(404, 'ERR_ITEM_NOT_FOUND', 'Item not found');
 * ```
 */
export class ApiError<Code extends string = string> extends FlowfullError<Code> {
  /** The HTTP status, 400 to 599. */
  readonly status: number;
  /** Extra envelope fields. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: number, code: Code, message: string, options: ApiErrorOptions = {}) {
    super(code, message, options);
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new TypeError(`ApiError: status must be an integer from 400 to 599, got ${String(status)}`);
    }
    this.status = status;
    this.details = Object.freeze({ ...options.details });
  }
}

const CODES: Readonly<Record<number, ServerErrorCode>> = {
  400: 'ERR_HTTP_BAD_REQUEST',
  401: 'ERR_HTTP_UNAUTHORIZED',
  403: 'ERR_HTTP_FORBIDDEN',
  404: 'ERR_HTTP_NOT_FOUND',
  405: 'ERR_HTTP_METHOD_NOT_ALLOWED',
  413: 'ERR_HTTP_PAYLOAD_TOO_LARGE',
  415: 'ERR_HTTP_UNSUPPORTED_MEDIA_TYPE',
  422: 'ERR_HTTP_VALIDATION_FAILED',
  429: 'ERR_HTTP_TOO_MANY_REQUESTS',
  500: 'ERR_HTTP_INTERNAL',
  503: 'ERR_HTTP_UNAVAILABLE',
};

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/**
 * The default code of a status.
 *
 * @example
 * ```ts
 * codeForStatus(413); // 'ERR_HTTP_PAYLOAD_TOO_LARGE'
 * ```
 */
export function codeForStatus(status: number): ServerErrorCode {
  return CODES[status] ?? (status >= 500 ? 'ERR_HTTP_INTERNAL' : 'ERR_HTTP_ERROR');
}

/**
 * The default human message of a status.
 *
 * @example
 * ```ts
 * messageForStatus(404); // 'Not found'
 * ```
 */
export function messageForStatus(status: number): string {
  return MESSAGES[status] ?? (status >= 500 ? 'Internal server error' : 'Request failed');
}
