/**
 * @module What a hosted page says when a flow fails: the typed error of the service underneath
 * turned into a sentence a person can act on, with the HTTP status the JSON route would answer
 * (`Retry-After` kept on a 429). Nothing secret is ever part of the message.
 */
import type { Context } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import type { PageOptions } from '../page-router.js';

/** A failure as a page shows it. */
export interface PageFailure {
  readonly status: Exclude<NonNullable<PageOptions['status']>, 200>;
  /** The stable code of the error (`INVALID_CODE`, `ERR_FLOWLESS_INVALID_CREDENTIALS`, …). */
  readonly code: string;
  readonly message: string;
}

const PAGE_STATUSES = new Set([400, 401, 403, 404, 409, 422, 429] as const);

const isPageStatus = (status: number): status is PageFailure['status'] =>
  PAGE_STATUSES.has(status as PageFailure['status']);

const waitWords = (seconds: number): string =>
  seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;

function messageOf(code: string, error: FlowlessError): string {
  const retry = typeof error.extra.retry_after === 'number' ? error.extra.retry_after : 60;
  const left = error.extra.attempts_remaining;
  switch (code) {
    case 'ERR_FLOWLESS_INVALID_CREDENTIALS':
      return 'The email, username or password is not right. After repeated failures the account is locked for a while.';
    case 'EMAIL_NOT_VERIFIED':
      return 'Your email address is not verified yet. Follow the link in the mail we sent you, then sign in.';
    case 'RESEND_TOO_SOON':
      return 'A code was sent less than a minute ago. Wait a moment before asking for another.';
    case 'ERR_FLOWLESS_RATE_LIMITED':
    case 'TWO_FACTOR_LOCKED':
      return `Too many attempts. Try again in ${waitWords(retry)}.`;
    case 'INVALID_CODE':
      return typeof left === 'number'
        ? `That code is not right. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`
        : 'That code is not right.';
    case 'TOO_MANY_ATTEMPTS':
      return 'Too many wrong codes. Sign in again to get a new try.';
    case 'ERR_FLOWLESS_INVALID_TOKEN':
      return 'This link is not valid: it was used already, replaced by a newer one, or has expired.';
    case 'ERR_FLOWLESS_INVALID_SESSION':
    case 'ERR_FLOWLESS_SESSION_EXPIRED':
      return 'Your sign-in has ended. Sign in again.';
    default:
      return error.message;
  }
}

/**
 * The page form of `error`; anything but a {@link FlowlessError} is rethrown (a fault, answered 500).
 */
export function pageFailure(c: Context<FlowlessEnv>, error: unknown): PageFailure {
  if (!(error instanceof FlowlessError)) throw error;
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  const code = typeof error.extra.code === 'string' ? error.extra.code : error.code;
  return {
    status: isPageStatus(error.status) ? error.status : 400,
    code,
    message: messageOf(code, error),
  };
}
