import { describe, expect, it } from 'vitest';
import { TokenUsedError } from './errors.js';
import { createInvitationTokens } from './invitation-tokens.js';
import { V4 } from './paseto/v4.js';
import { createMemoryTokenStateStore } from './store/memory-store.js';
import { createTrustTokens } from './trust-tokens.js';

const keys = await V4.generateKey('public');

function setup(now = Date.now) {
  const store = createMemoryTokenStateStore({ now });
  const tokens = createTrustTokens({ keys: { secretKey: keys.secretKey }, store, now });
  const activated: unknown[] = [];
  const invitations = createInvitationTokens({
    tokens,
    onUsed: (payload) => void activated.push(payload.memberId),
  });
  return { tokens, invitations, activated };
}

describe('createInvitationTokens()', () => {
  it('generateInvitationToken() returns a v4.public token that validates to the data with exp 7 days out', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const { invitations } = setup(() => now);
    const token = await invitations.generateInvitationToken({ memberId: 'm1', organizationId: 'o1' });
    expect(token.startsWith('v4.public.')).toBe(true);
    const result = await invitations.validateInvitationToken(token);
    expect(result).toMatchObject({
      valid: true,
      payload: {
        memberId: 'm1',
        organizationId: 'o1',
        exp: '2030-01-08T00:00:00.000Z',
        iat: '2030-01-01T00:00:00.000Z',
      },
    });
  });

  it('markTokenAsUsed() runs onUsed once; the token then validates as used', async () => {
    const { invitations, activated } = setup();
    const token = await invitations.generateInvitationToken({ memberId: 'm1' });
    expect(await invitations.markTokenAsUsed(token)).toMatchObject({ memberId: 'm1' });
    await expect(invitations.markTokenAsUsed(token)).rejects.toBeInstanceOf(TokenUsedError);
    expect(activated).toEqual(['m1']);
    expect(await invitations.validateInvitationToken(token)).toEqual({
      valid: false,
      error: 'Token already used or invalidated',
      code: 'ERR_TOKEN_USED',
    });
  });

  it('inviting the same member again does not revive the used invitation (the replay hole of status-by-member designs)', async () => {
    const { invitations } = setup();
    const first = await invitations.generateInvitationToken({ memberId: 'm1' });
    await invitations.markTokenAsUsed(first);
    const second = await invitations.generateInvitationToken({ memberId: 'm1' });
    expect(await invitations.validateInvitationToken(first)).toMatchObject({
      valid: false,
      code: 'ERR_TOKEN_USED',
    });
    expect(await invitations.validateInvitationToken(second)).toMatchObject({ valid: true });
  });

  it('validateInvitationToken() reports expired, tampered and other-type tokens as values, not throws', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const { invitations, tokens } = setup(() => now);
    const token = await invitations.generateInvitationToken({ memberId: 'm1' });
    const reset = await tokens.issue('password_reset', { memberId: 'm1' });
    expect(await invitations.validateInvitationToken(reset.token)).toEqual({
      valid: false,
      error: 'Invalid token',
      code: 'ERR_TOKEN_WRONG_PURPOSE',
    });
    expect(
      await invitations.validateInvitationToken(`${token.slice(0, 20)}x${token.slice(21)}`),
    ).toMatchObject({
      valid: false,
      error: 'Invalid token',
    });
    now += 7 * 24 * 3_600_000;
    expect(await invitations.validateInvitationToken(token)).toEqual({
      valid: false,
      error: 'Token expired',
      code: 'ERR_TOKEN_EXPIRED',
    });
  });
});
