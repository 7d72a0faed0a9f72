/**
 * @module Options, payload and results of `createTrustTokens`, with their defaults and checks.
 */
import { TokenPayloadInvalidError } from './errors.js';
import type { TrustTokenKeys, TrustTokenPurpose } from './key-ring.js';
import type { TokenStateStore } from './store/token-state-store.js';

/** Options of `createTrustTokens`. */
export interface TrustTokensOptions {
  /** Signing key and accepted verification keys. */
  keys: TrustTokenKeys;
  /** Where used and revoked token ids are recorded (Redis or database across processes). */
  store: TokenStateStore;
  /**
   * `'public'`: tokens signed with `keys.secretKey` (v4.public, `kid` = `k4.pid`), whose claims anyone
   * can read. `'local'`: tokens encrypted with `keys.localKey` (v4.local, `kid` = `k4.lid`), readable
   * only by holders of the key. @default 'public'
   */
  purpose?: TrustTokenPurpose;
  /** Written as `iss` into every token and required when verifying. @default none */
  issuer?: string;
  /** Default `aud` of issued tokens, required when verifying. @default none */
  audience?: string;
  /** Lifetime of a token when `issue` is given no `ttl`, in ms. @default 3_600_000 (1 hour) */
  defaultTtl?: number;
  /** Longest lifetime `issue` accepts, in ms; also how long `revoke(jti)` keeps its record. @default 2_592_000_000 (30 days) */
  maxTtl?: number;
  /**
   * Allowed clock difference when checking `exp`, `nbf`, `iat`, in ms. Used and revoked records are
   * kept this much longer than the token's `exp`, since the token verifies until then. @default 0
   */
  clockTolerance?: number;
  /** Longest token accepted, in characters. @default 8192 */
  maxTokenLength?: number;
  /** The clock, in epoch milliseconds. @default Date.now */
  now?: () => number;
}

/** Options of `issue`. */
export interface IssueOptions {
  /** Lifetime in ms. @default the instance's `defaultTtl` */
  ttl?: number;
  /** Marks the token single-use (`single_use: true`); `consume` is what uses it. @default false */
  singleUse?: boolean;
}

/** Options of `verify` and `consume`. */
export interface VerifyTrustTokenOptions {
  /** The type the token must have (required): an invitation never passes as a password reset. */
  type: string;
  /** Expected `aud`, overriding the instance's. @default the instance's `audience` */
  audience?: string;
  /** Expected `sub`. @default not checked */
  subject?: string;
}

/** What `issue` returns. */
export interface IssuedToken {
  /** The `v4.public.…` (or `v4.local.…`) token to hand out. */
  readonly token: string;
  /** Its id, for `revoke`. */
  readonly jti: string;
  /** When it expires. */
  readonly expiresAt: Date;
}

/** The payload of a verified trust token. */
export interface TrustTokenPayload extends Record<string, unknown> {
  /** The token's type, e.g. `'invitation'`. */
  typ: string;
  /** Unique id: single use and revocation are keyed by it. */
  jti: string;
  /** Issued at (ISO 8601). */
  iat: string;
  /** Expires at (ISO 8601). */
  exp: string;
  /** Present (true) on single-use tokens. */
  single_use?: true;
  sub?: string;
  aud?: string;
  iss?: string;
}

/** `TrustTokensOptions` with every default filled in. */
export interface ResolvedTrustTokensOptions {
  readonly store: TokenStateStore;
  readonly purpose: TrustTokenPurpose;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly defaultTtl: number;
  readonly maxTtl: number;
  readonly clockTolerance: number;
  readonly maxTokenLength: number;
  readonly now: () => number;
}

const TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const RESERVED = ['typ', 'jti', 'iat', 'exp', 'iss', 'single_use'] as const;

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value <= 0)
    throw new TypeError(`createTrustTokens: ${name} must be a positive integer`);
  return value;
};

/**
 * Fills in defaults and checks every option, naming the faulty one.
 *
 * @throws {TypeError} on a malformed option.
 */
export function resolveTrustTokensOptions(options: TrustTokensOptions): ResolvedTrustTokensOptions {
  const { store } = options;
  if (typeof store?.consume !== 'function' || typeof store.isRevokedOrUsed !== 'function') {
    throw new TypeError('createTrustTokens: options.store must be a TokenStateStore');
  }
  const purpose = options.purpose ?? 'public';
  if (purpose !== 'public' && purpose !== 'local') {
    throw new TypeError("createTrustTokens: purpose must be 'public' or 'local'");
  }
  const resolved: ResolvedTrustTokensOptions = {
    store,
    purpose,
    issuer: options.issuer,
    audience: options.audience,
    defaultTtl: positiveInteger('defaultTtl', options.defaultTtl ?? 3_600_000),
    maxTtl: positiveInteger('maxTtl', options.maxTtl ?? 30 * 24 * 3_600_000),
    clockTolerance: options.clockTolerance ?? 0,
    maxTokenLength: positiveInteger('maxTokenLength', options.maxTokenLength ?? 8192),
    now: options.now ?? Date.now,
  };
  if (resolved.defaultTtl > resolved.maxTtl)
    throw new TypeError('createTrustTokens: defaultTtl exceeds maxTtl');
  if (!Number.isFinite(resolved.clockTolerance) || resolved.clockTolerance < 0) {
    throw new TypeError('createTrustTokens: clockTolerance must be a non-negative number');
  }
  return resolved;
}

/**
 * Checks a token type name.
 *
 * @throws {TokenPayloadInvalidError} unless it is 1–64 letters, digits, `_.:-`, starting with a letter.
 */
export function assertType(type: unknown): asserts type is string {
  if (typeof type !== 'string' || !TYPE.test(type)) {
    throw new TokenPayloadInvalidError(
      'A token type must be 1-64 letters, digits or _.:- starting with a letter',
    );
  }
}

/**
 * Checks the claims given to `issue`.
 *
 * @throws {TokenPayloadInvalidError} when they are not an object or set a reserved claim.
 */
export function assertClaims(claims: unknown): asserts claims is Readonly<Record<string, unknown>> {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new TokenPayloadInvalidError('Claims must be an object');
  }
  for (const name of RESERVED) {
    if (Object.hasOwn(claims, name))
      throw new TokenPayloadInvalidError(`The "${name}" claim is set by issue()`);
  }
}

/**
 * Whether a verified payload has the claims every trust token carries (`typ`, `jti`, `iat`, `exp`).
 */
export function isTrustTokenPayload(payload: Record<string, unknown>): payload is TrustTokenPayload {
  return (
    typeof payload.typ === 'string' &&
    typeof payload.jti === 'string' &&
    payload.jti.length > 0 &&
    typeof payload.iat === 'string' &&
    typeof payload.exp === 'string'
  );
}
