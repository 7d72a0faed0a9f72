/**
 * @module The invitation helpers (`generateInvitationToken`, `validateInvitationToken`,
 * `markTokenAsUsed`) on top of trust tokens, with single use keyed by each token's own `jti`.
 *
 * A design that keeps the invitation's status under the member id lets a new invitation for the
 * same member set it back to "pending" and revive an already used token. Here a token's use is
 * recorded under its `jti` alone: no later issuance can clear it.
 */
import { TokenError, type TokenErrorCode } from './errors.js';
import type { TrustTokens } from './trust-tokens.js';
import type { TrustTokenPayload } from './trust-tokens-options.js';

/** Options of `createInvitationTokens`. */
export interface InvitationTokensOptions {
  /** The trust token instance that signs, verifies and consumes. */
  tokens: TrustTokens;
  /** Token type of invitations; tokens of any other type are refused. @default 'invitation' */
  type?: string;
  /** Lifetime of an invitation, in ms. @default 604_800_000 (7 days) */
  ttl?: number;
  /** Called once, after a token was marked used (e.g. to activate the member row). @default none */
  onUsed?: (payload: InvitationPayload) => unknown;
}

/** Data an invitation carries, e.g. `{ memberId, organizationId, email }`. */
export type TokenPayload = Readonly<Record<string, unknown>>;

/** A verified invitation's payload: the data given at issue plus the trust token claims. */
export type InvitationPayload = TrustTokenPayload & Record<string, unknown>;

/** What `validateInvitationToken` returns: expected failures are values, not throws. */
export type InvitationValidation =
  | { readonly valid: true; readonly payload: InvitationPayload }
  | { readonly valid: false; readonly error: string; readonly code: TokenErrorCode };

/** The three invitation functions. */
export interface InvitationTokens {
  /** Issues a single-use invitation carrying `data`; resolves the `v4.public.…` token. */
  generateInvitationToken(data: TokenPayload): Promise<string>;
  /** Checks signature, key, expiry, type and that the token is still unused. */
  validateInvitationToken(token: string): Promise<InvitationValidation>;
  /**
   * Marks the token used, atomically: of concurrent calls exactly one resolves, the others reject
   * with `ERR_TOKEN_USED`. Call it before acting on the invitation.
   */
  markTokenAsUsed(token: string): Promise<InvitationPayload>;
}

const MESSAGES: Partial<Record<TokenErrorCode, string>> = {
  ERR_TOKEN_EXPIRED: 'Token expired',
  ERR_TOKEN_USED: 'Token already used or invalidated',
};

/**
 * Creates the invitation functions.
 *
 * @example
 * ```ts
 * const { generateInvitationToken, validateInvitationToken, markTokenAsUsed } =
 *   createInvitationTokens({ tokens, onUsed: (p) => activateMember(p.memberId) });
 * const token = await generateInvitationToken({ memberId, organizationId });
 * const result = await validateInvitationToken(token);
 * if (result.valid) await markTokenAsUsed(token);
 * ```
 */
export function createInvitationTokens(options: InvitationTokensOptions): InvitationTokens {
  const { tokens, type = 'invitation', ttl = 7 * 24 * 3_600_000, onUsed } = options;
  if (typeof tokens?.issue !== 'function')
    throw new TypeError('createInvitationTokens: options.tokens is required');
  if (!Number.isInteger(ttl) || ttl <= 0)
    throw new TypeError('createInvitationTokens: ttl must be a positive integer');

  return {
    async generateInvitationToken(data) {
      const { token } = await tokens.issue(type, data, { ttl, singleUse: true });
      return token;
    },

    async validateInvitationToken(token) {
      try {
        const payload = await tokens.verify<InvitationPayload>(token, { type });
        return { valid: true, payload };
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        const code: TokenErrorCode = error.code;
        return { valid: false, error: MESSAGES[code] ?? 'Invalid token', code };
      }
    },

    async markTokenAsUsed(token) {
      const payload = await tokens.consume<InvitationPayload>(token, { type });
      await onUsed?.(payload);
      return payload;
    },
  };
}
