/**
 * @module Single-use share links for items, as trust tokens (PASETO v4.public): the owner issues
 * one, anyone holding it can redeem it once to read the item, even a private one.
 */
import { ApiError } from 'flowfull/server';
import { TokenError, type TrustTokens } from 'flowfull/tokens';

/** Trust token type of share links; a token of any other type is refused. */
export const SHARE_TOKEN_TYPE = 'starter.item_share';

/** An issued link. */
export interface IssuedShare {
  readonly token: string;
  readonly expires_at: string;
}

/**
 * Issues a single-use share token for an item.
 */
export async function issueShare(
  tokens: TrustTokens,
  itemId: string,
  ownerId: string,
  ttlMinutes: number,
): Promise<IssuedShare> {
  const issued = await tokens.issue(
    SHARE_TOKEN_TYPE,
    { sub: ownerId, item_id: itemId },
    { ttl: ttlMinutes * 60_000, singleUse: true },
  );
  return { token: issued.token, expires_at: issued.expiresAt.toISOString() };
}

/**
 * Consumes a share token and returns the item id it grants; a second redemption fails.
 *
 * @throws {ApiError} 410 `ERR_SHARE_USED` or `ERR_SHARE_EXPIRED`, 400 `ERR_SHARE_INVALID`.
 */
export async function redeemShare(tokens: TrustTokens, token: string): Promise<string> {
  try {
    const payload = await tokens.consume(token, { type: SHARE_TOKEN_TYPE });
    if (typeof payload.item_id !== 'string')
      throw new ApiError(400, 'ERR_SHARE_INVALID', 'Invalid share link');
    return payload.item_id;
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    if (error.code === 'ERR_TOKEN_USED')
      throw new ApiError(410, 'ERR_SHARE_USED', 'This share link was already used');
    if (error.code === 'ERR_TOKEN_EXPIRED')
      throw new ApiError(410, 'ERR_SHARE_EXPIRED', 'This share link has expired');
    throw new ApiError(400, 'ERR_SHARE_INVALID', 'Invalid share link');
  }
}
