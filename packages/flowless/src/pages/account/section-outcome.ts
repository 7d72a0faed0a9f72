/**
 * @module What a posted account form comes to: done (the page redirects, naming the notice to
 * show), or refused (the page is drawn again with the errors next to their fields and the values
 * typed, never a password or code).
 */
import type { FormFields } from '../form-body.js';
import type { PageFailure } from './account-kit.js';

/** The outcome of one account form. */
export type SectionOutcome =
  | { readonly ok: true; readonly done: string }
  | { readonly ok: false; readonly failure: PageFailure; readonly values?: FormFields };

/** A refused form. */
export function refused(failure: PageFailure, values?: FormFields): SectionOutcome {
  return values === undefined ? { ok: false, failure } : { ok: false, failure, values };
}
