/**
 * @module Registered claims of a PASETO payload (`exp`, `nbf`, `iat`, `aud`, `iss`, `sub`).
 */
import { TokenClaimInvalidError, TokenExpiredError, TokenNotYetValidError } from '../errors.js';

/** How a verified payload's registered claims are checked. */
export interface ClaimOptions {
  /** Expected `aud`: the token's audience must equal it (or one of them). @default not checked */
  audience?: string | readonly string[];
  /** Expected `iss`: the token's issuer must equal it (or one of them). @default not checked */
  issuer?: string | readonly string[];
  /** Expected `sub`. @default not checked */
  subject?: string;
  /** Allowed clock difference, in milliseconds, when checking `exp`, `nbf` and `iat`. @default 0 */
  clockTolerance?: number;
  /** The clock, in epoch milliseconds. @default Date.now */
  now?: () => number;
}

// RFC 3339 date-time, the form PASETO requires for its time claims.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function timeClaim(payload: Record<string, unknown>, claim: 'exp' | 'nbf' | 'iat'): number | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  const time = typeof value === 'string' && DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time))
    throw new TokenClaimInvalidError(claim, `The "${claim}" claim must be an ISO 8601 date-time`);
  return time;
}

function expectOne(
  payload: Record<string, unknown>,
  claim: string,
  expected: string | readonly string[],
): void {
  const value = payload[claim];
  const accepted = typeof expected === 'string' ? [expected] : expected;
  if (typeof value !== 'string' || !accepted.includes(value)) {
    throw new TokenClaimInvalidError(claim, `The "${claim}" claim does not match`);
  }
}

/**
 * Checks the time claims present in the payload against the clock, and `aud`, `iss`, `sub` when
 * asked. Time claims that are present must be RFC 3339 date-times.
 *
 * @throws {TokenExpiredError} when `exp` has passed.
 * @throws {TokenNotYetValidError} when `nbf` or `iat` is in the future.
 * @throws {TokenClaimInvalidError} when a claim is malformed or does not match.
 * @example
 * ```ts
 * checkClaims(payload, { audience: 'app', clockTolerance: 30_000 });
 * ```
 */
export function checkClaims(payload: Record<string, unknown>, options: ClaimOptions = {}): void {
  const tolerance = options.clockTolerance ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new TypeError('clockTolerance must be a non-negative number of milliseconds');
  }
  const exp = timeClaim(payload, 'exp');
  const nbf = timeClaim(payload, 'nbf');
  const iat = timeClaim(payload, 'iat');
  if (exp !== undefined || nbf !== undefined || iat !== undefined) {
    const now = (options.now ?? Date.now)();
    if (exp !== undefined && now - tolerance >= exp) throw new TokenExpiredError(new Date(exp));
    if (nbf !== undefined && now + tolerance < nbf) throw new TokenNotYetValidError(new Date(nbf));
    if (iat !== undefined && now + tolerance < iat) throw new TokenNotYetValidError(new Date(iat));
  }
  if (options.audience !== undefined) expectOne(payload, 'aud', options.audience);
  if (options.issuer !== undefined) expectOne(payload, 'iss', options.issuer);
  if (options.subject !== undefined) expectOne(payload, 'sub', options.subject);
}
