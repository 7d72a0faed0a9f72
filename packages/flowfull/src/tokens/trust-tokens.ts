/**
 * @module `createTrustTokens`: typed, expiring, revocable and optionally single-use tokens, signed
 * as PASETO v4.public (or, with `purpose: 'local'`, encrypted as v4.local) under a key named by
 * `kid`, so that keys can rotate.
 */
import { randomUUID } from 'node:crypto';
import {
  TokenClaimInvalidError,
  TokenInvalidError,
  TokenPayloadInvalidError,
  TokenUnknownKeyError,
  TokenUsedError,
  TokenWrongPurposeError,
} from './errors.js';
import { readFooterKid } from './footer-kid.js';
import { createKeyRing } from './key-ring.js';
import {
  assertClaims,
  assertType,
  type IssuedToken,
  type IssueOptions,
  isTrustTokenPayload,
  resolveTrustTokensOptions,
  type TrustTokenPayload,
  type TrustTokensOptions,
  type VerifyTrustTokenOptions,
} from './trust-tokens-options.js';

/** What `createTrustTokens` returns. */
export interface TrustTokens {
  /** The `kid` new tokens are sealed under (`k4.pid.…` or `k4.lid.…`), or `null` on a verify-only instance. */
  readonly kid: string | null;
  /**
   * Issues a token of `type` carrying `claims` (which may set `sub`, `aud`, `nbf` and custom claims,
   * but not the reserved `typ`, `jti`, `iat`, `exp`, `iss`, `single_use`).
   */
  issue(
    type: string,
    claims?: Readonly<Record<string, unknown>>,
    options?: IssueOptions,
  ): Promise<IssuedToken>;
  /** Verifies signature, `kid`, claims and type, and that the token was neither used nor revoked. */
  verify<P extends TrustTokenPayload = TrustTokenPayload>(
    token: string,
    options: VerifyTrustTokenOptions,
  ): Promise<P>;
  /**
   * Verifies like `verify`, then marks the token used, atomically: one caller wins, others get
   * `ERR_TOKEN_USED`. `options.type` is required, as for `verify`: a token of another type fails
   * with `ERR_TOKEN_WRONG_PURPOSE` before anything is recorded.
   */
  consume<P extends TrustTokenPayload = TrustTokenPayload>(
    token: string,
    options: VerifyTrustTokenOptions,
  ): Promise<P>;
  /**
   * Revokes a token by its `jti`. Pass the token's `expiresAt`: the record is kept until then plus
   * `clockTolerance`, the last instant the token could verify (default: now + `maxTtl`).
   */
  revoke(jti: string, expiresAt?: Date): Promise<void>;
}

/**
 * Creates a trust token issuer/verifier.
 *
 * @throws {TokenKeyInvalidError} when the keys are malformed or missing.
 * @example
 * ```ts
 * const tokens = createTrustTokens({ keys: { secretKey: config.TRUST_TOKEN_SECRET_KEY }, store });
 * const { token } = await tokens.issue('password_reset', { sub: user.id }, { ttl: 3_600_000, singleUse: true });
 * const payload = await tokens.consume(token, { type: 'password_reset' });
 * ```
 */
export function createTrustTokens(options: TrustTokensOptions): TrustTokens {
  const settings = resolveTrustTokensOptions(options);
  const { store, now } = settings;
  const ring = createKeyRing(options.keys, settings.purpose);
  // A token still verifies until exp + clockTolerance, so its used or revoked record must live at
  // least that long: a record dropped at exp would let the token be consumed again meanwhile.
  const recordUntil = (expiresAt: number): Date => new Date(expiresAt + settings.clockTolerance);

  // The type check cannot be skipped: without it an invitation would pass as a password reset.
  const checkedType = (
    method: string,
    verify: VerifyTrustTokenOptions | undefined,
  ): VerifyTrustTokenOptions => {
    if (verify?.type === undefined) throw new TypeError(`${method}: options.type is required`);
    assertType(verify.type);
    return verify;
  };

  const verifySignedToken = (token: string, verify: VerifyTrustTokenOptions): TrustTokenPayload => {
    if (typeof token !== 'string') throw new TokenInvalidError('A token must be a string');
    if (token.length > settings.maxTokenLength) throw new TokenInvalidError('Token is too long');
    const open = ring.openers.get(readFooterKid(token, ring.header, ring.kidPrefix));
    if (open === undefined) throw new TokenUnknownKeyError();
    const { payload } = open(token, {
      maxTokenLength: settings.maxTokenLength,
      clockTolerance: settings.clockTolerance,
      now,
      issuer: settings.issuer,
      audience: verify.audience ?? settings.audience,
      subject: verify.subject,
    });
    if (!isTrustTokenPayload(payload))
      throw new TokenClaimInvalidError('typ', 'Not a trust token (typ, jti, iat, exp)');
    if (payload.typ !== verify.type) {
      throw new TokenWrongPurposeError(`Expected a "${verify.type}" token`);
    }
    return payload;
  };

  return {
    kid: ring.sealer?.kid ?? null,

    async issue(type, claims = {}, issueOptions = {}) {
      if (ring.sealer === null)
        throw new TokenUnknownKeyError('This instance has no secret key to sign with');
      assertType(type);
      assertClaims(claims);
      const ttl = issueOptions.ttl ?? settings.defaultTtl;
      if (!Number.isInteger(ttl) || ttl <= 0 || ttl > settings.maxTtl) {
        throw new TypeError(`issue: ttl must be an integer of 1 to ${settings.maxTtl} milliseconds`);
      }
      const issuedAt = now();
      const jti = randomUUID();
      const expiresAt = new Date(issuedAt + ttl);
      const payload: Record<string, unknown> = {
        ...(settings.audience === undefined ? {} : { aud: settings.audience }),
        ...claims,
        ...(settings.issuer === undefined ? {} : { iss: settings.issuer }),
        typ: type,
        jti,
        iat: new Date(issuedAt).toISOString(),
        exp: expiresAt.toISOString(),
        ...(issueOptions.singleUse === true ? { single_use: true } : {}),
      };
      const token = ring.sealer.seal(payload);
      return { token, jti, expiresAt };
    },

    async verify<P extends TrustTokenPayload>(token: string, verify: VerifyTrustTokenOptions): Promise<P> {
      const payload = verifySignedToken(token, checkedType('verify', verify));
      if (await store.isRevokedOrUsed(payload.jti)) throw new TokenUsedError();
      return payload as P;
    },

    async consume<P extends TrustTokenPayload>(token: string, verify: VerifyTrustTokenOptions): Promise<P> {
      const payload = verifySignedToken(token, checkedType('consume', verify));
      if (!(await store.consume(payload.jti, recordUntil(Date.parse(payload.exp)))))
        throw new TokenUsedError();
      return payload as P;
    },

    async revoke(jti, expiresAt) {
      if (expiresAt !== undefined && !(expiresAt instanceof Date && Number.isFinite(expiresAt.getTime()))) {
        throw new TokenPayloadInvalidError('revoke: expiresAt must be a valid Date');
      }
      await store.revoke(jti, recordUntil(expiresAt?.getTime() ?? now() + settings.maxTtl));
    },
  };
}
