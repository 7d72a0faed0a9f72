/**
 * @module Typed errors of the trust tokens concept, each with a stable `ERR_TOKEN_*` code.
 */
import { FlowfullError, type FlowfullErrorOptions } from '../errors.js';

/** Every code a trust token error can carry. */
export type TokenErrorCode =
  | 'ERR_TOKEN_INVALID'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_NOT_YET_VALID'
  | 'ERR_TOKEN_CLAIM_INVALID'
  | 'ERR_TOKEN_WRONG_PURPOSE'
  | 'ERR_TOKEN_UNKNOWN_KEY'
  | 'ERR_TOKEN_USED'
  | 'ERR_TOKEN_KEY_INVALID'
  | 'ERR_TOKEN_PAYLOAD_INVALID'
  | 'ERR_TOKEN_DUPLICATE_KEY';

/**
 * Base class of every trust token error. Match on `code`, never on `message`.
 *
 * @example
 * ```ts
 * try { await V4.verify(token, publicKey); }
 * catch (error) { if (error instanceof TokenError && error.code === 'ERR_TOKEN_EXPIRED') reissue(); }
 * ```
 */
export class TokenError<Code extends TokenErrorCode = TokenErrorCode> extends FlowfullError<Code> {}

/**
 * The token is malformed, its signature or tag does not match, or it exceeds the size limit.
 *
 * @example
 * ```ts
 * if (error instanceof TokenInvalidError) return c.json({ error: 'invalid token' }, 401);
 * ```
 */
export class TokenInvalidError extends TokenError<'ERR_TOKEN_INVALID'> {
  constructor(message = 'Invalid token', options: FlowfullErrorOptions = {}) {
    super('ERR_TOKEN_INVALID', message, options);
  }
}

/**
 * The token's `exp` claim is in the past (beyond the allowed clock skew).
 *
 * @example
 * ```ts
 * if (error instanceof TokenExpiredError) console.info('expired at', error.expiredAt);
 * ```
 */
export class TokenExpiredError extends TokenError<'ERR_TOKEN_EXPIRED'> {
  /** When the token stopped being valid. */
  readonly expiredAt: Date;

  constructor(expiredAt: Date) {
    super('ERR_TOKEN_EXPIRED', 'Token expired');
    this.expiredAt = expiredAt;
  }
}

/**
 * The token's `nbf` claim (or `iat`) is in the future (beyond the allowed clock skew).
 *
 * @example
 * ```ts
 * if (error instanceof TokenNotYetValidError) retryAfter(error.validFrom);
 * ```
 */
export class TokenNotYetValidError extends TokenError<'ERR_TOKEN_NOT_YET_VALID'> {
  /** When the token starts being valid. */
  readonly validFrom: Date;

  constructor(validFrom: Date) {
    super('ERR_TOKEN_NOT_YET_VALID', 'Token not yet valid');
    this.validFrom = validFrom;
  }
}

/**
 * A registered claim is malformed, or does not match what the verifier asked for (`aud`, `iss`, `sub`).
 *
 * @example
 * ```ts
 * if (error instanceof TokenClaimInvalidError && error.claim === 'aud') return forbidden();
 * ```
 */
export class TokenClaimInvalidError extends TokenError<'ERR_TOKEN_CLAIM_INVALID'> {
  /** The name of the offending claim. */
  readonly claim: string;

  constructor(claim: string, message: string) {
    super('ERR_TOKEN_CLAIM_INVALID', message);
    this.claim = claim;
  }
}

/**
 * The token is for another purpose: another PASETO version or purpose (`v4.local` given to a
 * `v4.public` verifier), or another trust token type (an invitation used as a password reset).
 *
 * @example
 * ```ts
 * if (error instanceof TokenWrongPurposeError) return c.json({ error: 'invalid token' }, 401);
 * ```
 */
export class TokenWrongPurposeError extends TokenError<'ERR_TOKEN_WRONG_PURPOSE'> {
  constructor(message = 'Token is for another purpose') {
    super('ERR_TOKEN_WRONG_PURPOSE', message);
  }
}

/**
 * The token's footer names a key (`kid`) that the verifier does not hold, or names none.
 *
 * @example
 * ```ts
 * if (error instanceof TokenUnknownKeyError) logger.warn({ code: error.code }, 'token from unknown key');
 * ```
 */
export class TokenUnknownKeyError extends TokenError<'ERR_TOKEN_UNKNOWN_KEY'> {
  constructor(message = 'Token was signed by an unknown key') {
    super('ERR_TOKEN_UNKNOWN_KEY', message);
  }
}

/**
 * A single-use token was already consumed, or the token was revoked.
 *
 * @example
 * ```ts
 * if (error instanceof TokenUsedError) return c.json({ error: 'link already used' }, 410);
 * ```
 */
export class TokenUsedError extends TokenError<'ERR_TOKEN_USED'> {
  constructor(message = 'Token already used or revoked') {
    super('ERR_TOKEN_USED', message);
  }
}

/**
 * A key given to sign, verify, encrypt or decrypt is malformed (wrong length, wrong PASERK type or
 * version, wrong KeyObject type). The message never contains the key.
 *
 * @example
 * ```ts
 * V4.sign(payload, 'k3.secret.…'); // rejects with TokenKeyInvalidError
 * ```
 */
export class TokenKeyInvalidError extends TokenError<'ERR_TOKEN_KEY_INVALID'> {
  constructor(message: string, options: FlowfullErrorOptions = {}) {
    super('ERR_TOKEN_KEY_INVALID', message, options);
  }
}

/**
 * A payload given to sign or encrypt is not a JSON object (or a string holding one), or an option
 * such as `ttl` or `type` is malformed.
 *
 * @example
 * ```ts
 * V4.sign('[1, 2]', secretKey); // rejects with TokenPayloadInvalidError
 * ```
 */
export class TokenPayloadInvalidError extends TokenError<'ERR_TOKEN_PAYLOAD_INVALID'> {
  constructor(message: string, options: FlowfullErrorOptions = {}) {
    super('ERR_TOKEN_PAYLOAD_INVALID', message, options);
  }
}

/**
 * A JSON object in a token's payload or JSON footer has the same key twice, at any depth: rejected
 * when verifying or decrypting, and when a string payload or footer is given to sign or encrypt.
 * Parsers disagree on which of two equal keys wins, so one signed token could carry two different
 * claims. The message names neither the key nor its values.
 *
 * @example
 * ```ts
 * if (error instanceof TokenDuplicateKeyError) logger.warn({ code: error.code, part: error.part }, 'ambiguous token');
 * ```
 */
export class TokenDuplicateKeyError extends TokenError<'ERR_TOKEN_DUPLICATE_KEY'> {
  /** Where the duplicate key is. */
  readonly part: 'payload' | 'footer';

  constructor(part: 'payload' | 'footer') {
    super('ERR_TOKEN_DUPLICATE_KEY', `Token ${part} has a duplicate JSON key`);
    this.part = part;
  }
}
