/**
 * @module The password rules: at least 8 characters, at most 4,096 (a denial-of-service bound,
 * far above any truncation), not among the most common passwords, and no composition rules.
 */
import { FlowlessError } from '../errors.js';
import { COMMON_PASSWORDS_TEXT } from './common-passwords-list.js';

/** Shortest accepted password, in Unicode code points. */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest accepted password, in Unicode code points. */
export const MAX_PASSWORD_LENGTH = 4096;

let common: ReadonlySet<string> | undefined;

/**
 * True when `password` is on the shipped common-password list (case-insensitive).
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
  return common.has(password.toLowerCase());
}

/**
 * Throws a typed error when `password` breaks the policy.
 *
 * @throws FlowlessError `ERR_FLOWLESS_WEAK_PASSWORD` (400) naming the rule broken.
 */
export function assertPasswordAllowed(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new FlowlessError(
      'ERR_FLOWLESS_WEAK_PASSWORD',
      `Password must be at least ${MIN_PASSWORD_LENGTH} characters`,
      {
        status: 400,
      },
    );
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new FlowlessError(
      'ERR_FLOWLESS_WEAK_PASSWORD',
      `Password must be at most ${MAX_PASSWORD_LENGTH} characters`,
      {
        status: 400,
      },
    );
  }
  if (isCommonPassword(password)) {
    throw new FlowlessError('ERR_FLOWLESS_WEAK_PASSWORD', 'Password is too common; choose another', {
      status: 400,
    });
  }
}
