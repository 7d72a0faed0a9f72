/**
 * @module Options and results shared by the PASETO v4 operations.
 */
import type { ClaimOptions } from './claims.js';
import type { PasetoFooterInput } from './token-parts.js';

/** Options of `V4.sign` and `V4.encrypt`. */
export interface ProduceOptions {
  /** Footer, authenticated but not encrypted: a string, or an object serialised as JSON. @default none */
  footer?: PasetoFooterInput;
  /** Implicit assertion: authenticated, never part of the token; the verifier must supply the same. @default none */
  assertion?: string | Uint8Array;
}

/** Options of `V4.verify` and `V4.decrypt`. */
export interface ConsumeOptions extends ClaimOptions {
  /** Implicit assertion the token was produced with. @default none */
  assertion?: string | Uint8Array;
  /** Tokens longer than this many characters are rejected before any work. @default 8192 */
  maxTokenLength?: number;
}

/** A payload as verified or decrypted. */
export type PasetoPayload = Record<string, unknown>;

/** What `V4.verify`/`V4.decrypt` return with `{ complete: true }`. */
export interface CompleteResult<Payload extends object = PasetoPayload> {
  /** The verified payload. */
  readonly payload: Payload;
  /** The footer, as UTF-8 text (empty when the token has none). */
  readonly footer: string;
  /** Always `'v4'`. */
  readonly version: 'v4';
  /** `'public'` for signed tokens, `'local'` for encrypted ones. */
  readonly purpose: 'public' | 'local';
}
