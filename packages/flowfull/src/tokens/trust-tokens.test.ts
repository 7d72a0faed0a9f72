import { describe, expect, it } from 'vitest';
import {
  TokenExpiredError,
  TokenInvalidError,
  TokenKeyInvalidError,
  TokenPayloadInvalidError,
  TokenUnknownKeyError,
  TokenUsedError,
  TokenWrongPurposeError,
} from './errors.js';
import { V4 } from './paseto/v4.js';
import { createMemoryTokenStateStore } from './store/memory-store.js';
import { createTrustTokens } from './trust-tokens.js';

const keys = await V4.generateKey('public');
const frozen = Date.parse('2030-01-01T00:00:00Z');

function setup(now = () => frozen) {
  const store = createMemoryTokenStateStore({ now });
  return { store, tokens: createTrustTokens({ keys: { secretKey: keys.secretKey }, store, now }) };
}

describe('createTrustTokens()', () => {
  it('issues a token whose footer names its key and whose payload carries type, jti, iat and exp', async () => {
    const { tokens } = setup();
    const issued = await tokens.issue(
      'invitation',
      { sub: 'user_1', organizationId: 'org_1' },
      { ttl: 60_000 },
    );
    const complete = await V4.verify(issued.token, keys.publicKey, { complete: true, now: () => frozen });
    expect(JSON.parse(complete.footer)).toEqual({ kid: tokens.kid });
    expect(tokens.kid).toMatch(/^k4\.pid\./);
    expect(complete.payload).toEqual({
      sub: 'user_1',
      organizationId: 'org_1',
      typ: 'invitation',
      jti: issued.jti,
      iat: '2030-01-01T00:00:00.000Z',
      exp: '2030-01-01T00:01:00.000Z',
    });
    expect(issued.expiresAt).toEqual(new Date(frozen + 60_000));
  });

  it('verify() returns the payload for the right type and rejects the same token as another type', async () => {
    const { tokens } = setup();
    const { token } = await tokens.issue('invitation', { sub: 'user_1' });
    expect(await tokens.verify(token, { type: 'invitation' })).toMatchObject({
      sub: 'user_1',
      typ: 'invitation',
    });
    await expect(tokens.verify(token, { type: 'password_reset' })).rejects.toBeInstanceOf(
      TokenWrongPurposeError,
    );
    await expect(tokens.consume(token, { type: 'password_reset' })).rejects.toBeInstanceOf(
      TokenWrongPurposeError,
    );
    expect(await tokens.consume(token, { type: 'invitation' })).toMatchObject({ sub: 'user_1' });
  });

  it('consume() without a type is refused, so a token of one type never passes as another', async () => {
    const { tokens } = setup();
    const { token } = await tokens.issue('invitation', {}, { singleUse: true });
    // @ts-expect-error: the type is required by the signature too.
    await expect(tokens.consume(token)).rejects.toThrow('consume: options.type is required');
    await expect(tokens.consume(token, {} as { type: string })).rejects.toThrow(
      'consume: options.type is required',
    );
    await expect(tokens.consume(token, { type: 'bad type!' })).rejects.toBeInstanceOf(
      TokenPayloadInvalidError,
    );
    expect(await tokens.consume(token, { type: 'invitation' })).toMatchObject({ typ: 'invitation' });
  });

  it('consume() succeeds once; afterwards verify() and consume() reject with ERR_TOKEN_USED', async () => {
    const { tokens } = setup();
    const { token } = await tokens.issue('password_reset', { sub: 'user_1' }, { singleUse: true });
    expect(await tokens.consume(token, { type: 'password_reset' })).toMatchObject({ single_use: true });
    await expect(tokens.consume(token, { type: 'password_reset' })).rejects.toBeInstanceOf(TokenUsedError);
    await expect(tokens.verify(token, { type: 'password_reset' })).rejects.toBeInstanceOf(TokenUsedError);
  });

  it('of many concurrent consume() calls exactly one succeeds', async () => {
    const { tokens } = setup();
    const { token } = await tokens.issue('password_reset', {}, { singleUse: true });
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () => tokens.consume(token, { type: 'password_reset' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(TokenUsedError);
    }
  });

  it('issuing a new token for the same subject never revives a used one', async () => {
    const { tokens } = setup();
    const first = await tokens.issue('invitation', { sub: 'member_1' }, { singleUse: true });
    await tokens.consume(first.token, { type: 'invitation' });
    const second = await tokens.issue('invitation', { sub: 'member_1' }, { singleUse: true });
    await expect(tokens.verify(first.token, { type: 'invitation' })).rejects.toBeInstanceOf(TokenUsedError);
    expect(await tokens.verify(second.token, { type: 'invitation' })).toMatchObject({ sub: 'member_1' });
  });

  it('revoke(jti) makes a token fail verification while others keep working', async () => {
    const { tokens } = setup();
    const [revoked, kept] = [await tokens.issue('api', {}), await tokens.issue('api', {})];
    await tokens.revoke(revoked.jti, revoked.expiresAt);
    await expect(tokens.verify(revoked.token, { type: 'api' })).rejects.toBeInstanceOf(TokenUsedError);
    expect(await tokens.verify(kept.token, { type: 'api' })).toMatchObject({ jti: kept.jti });
  });

  it('rejects an expired token on a frozen clock', async () => {
    let now = frozen;
    const { tokens } = setup(() => now);
    const { token } = await tokens.issue('invitation', {}, { ttl: 1000 });
    now += 999;
    expect(await tokens.verify(token, { type: 'invitation' })).toHaveProperty('typ', 'invitation');
    now += 1;
    await expect(tokens.verify(token, { type: 'invitation' })).rejects.toBeInstanceOf(TokenExpiredError);
    await expect(tokens.consume(token, { type: 'invitation' })).rejects.toBeInstanceOf(TokenExpiredError);
  });

  it('with clockTolerance, a consumed token stays used until exp + tolerance, the last instant it verifies', async () => {
    let now = frozen;
    const store = createMemoryTokenStateStore({ now: () => now });
    const tokens = createTrustTokens({
      keys: { secretKey: keys.secretKey },
      store,
      now: () => now,
      clockTolerance: 5000,
    });
    const { token } = await tokens.issue('password_reset', {}, { ttl: 1000, singleUse: true });
    await tokens.consume(token, { type: 'password_reset' });
    now = frozen + 1000 + 4999;
    await expect(tokens.consume(token, { type: 'password_reset' })).rejects.toBeInstanceOf(TokenUsedError);
    await expect(tokens.verify(token, { type: 'password_reset' })).rejects.toBeInstanceOf(TokenUsedError);
    now += 1;
    await expect(tokens.consume(token, { type: 'password_reset' })).rejects.toBeInstanceOf(TokenExpiredError);
  });

  it('with clockTolerance, revoke(jti, expiresAt) keeps the token revoked until exp + tolerance', async () => {
    let now = frozen;
    const store = createMemoryTokenStateStore({ now: () => now });
    const tokens = createTrustTokens({
      keys: { secretKey: keys.secretKey },
      store,
      now: () => now,
      clockTolerance: 5000,
    });
    const issued = await tokens.issue('api', {}, { ttl: 1000 });
    await tokens.revoke(issued.jti, issued.expiresAt);
    now = frozen + 1000 + 4999;
    await expect(tokens.verify(issued.token, { type: 'api' })).rejects.toBeInstanceOf(TokenUsedError);
    await expect(tokens.consume(issued.token, { type: 'api' })).rejects.toBeInstanceOf(TokenUsedError);
  });

  it('revoke(jti) with no expiry keeps the record for maxTtl + clockTolerance', async () => {
    let now = frozen;
    const store = createMemoryTokenStateStore({ now: () => now });
    const tokens = createTrustTokens({
      keys: { secretKey: keys.secretKey },
      store,
      now: () => now,
      maxTtl: 10_000,
      defaultTtl: 10_000,
      clockTolerance: 5000,
    });
    const issued = await tokens.issue('api', {});
    await tokens.revoke(issued.jti);
    now = frozen + 10_000 + 4999;
    await expect(tokens.verify(issued.token, { type: 'api' })).rejects.toBeInstanceOf(TokenUsedError);
  });

  it('rotation: tokens of the previous key keep verifying while new tokens use the new key', async () => {
    const store = createMemoryTokenStateStore();
    const next = await V4.generateKey('public');
    const before = createTrustTokens({ keys: { secretKey: keys.secretKey }, store });
    const after = createTrustTokens({
      keys: { secretKey: next.secretKey, publicKeys: [keys.publicKey] },
      store,
    });
    const old = await before.issue('invitation', {});
    const fresh = await after.issue('invitation', {});
    expect(after.kid).not.toBe(before.kid);
    expect(await after.verify(old.token, { type: 'invitation' })).toMatchObject({ jti: old.jti });
    expect(await after.verify(fresh.token, { type: 'invitation' })).toMatchObject({ jti: fresh.jti });
    await expect(before.verify(fresh.token, { type: 'invitation' })).rejects.toBeInstanceOf(
      TokenUnknownKeyError,
    );
  });

  it('rejects a token whose kid is unknown or missing, even when validly signed', async () => {
    const { tokens } = setup();
    const stranger = await V4.generateKey('public');
    const exp = new Date(frozen + 60_000).toISOString();
    const claims = { typ: 'invitation', jti: 'j1', iat: exp, exp };
    const unknown = await V4.sign(claims, stranger.secretKey, { footer: { kid: 'k4.pid.unknown' } });
    await expect(tokens.verify(unknown, { type: 'invitation' })).rejects.toBeInstanceOf(TokenUnknownKeyError);
    const noFooter = await V4.sign(claims, keys.secretKey);
    await expect(tokens.verify(noFooter, { type: 'invitation' })).rejects.toBeInstanceOf(
      TokenUnknownKeyError,
    );
    const noKid = await V4.sign(claims, keys.secretKey, { footer: { key: 'x' } });
    await expect(tokens.verify(noKid, { type: 'invitation' })).rejects.toBeInstanceOf(TokenUnknownKeyError);
  });

  it('ignores key material in a footer: a token signed by a key carried in its own footer is rejected', async () => {
    const { tokens } = setup();
    const attacker = await V4.generateKey('public');
    const exp = new Date(frozen + 60_000).toISOString();
    const claims = { typ: 'invitation', jti: 'j2', iat: exp, exp };
    const forged = await V4.sign(claims, attacker.secretKey, {
      footer: { kid: tokens.kid, key: attacker.publicKey },
    });
    await expect(tokens.verify(forged, { type: 'invitation' })).rejects.toThrow(
      'Token footer carries key material',
    );
    const swapped = await V4.sign(claims, attacker.secretKey, { footer: { kid: tokens.kid } });
    await expect(tokens.verify(swapped, { type: 'invitation' })).rejects.toBeInstanceOf(TokenInvalidError);
  });

  it('rejects a signed token that lacks the trust token claims', async () => {
    const { tokens } = setup();
    const bare = await V4.sign({ sub: 'x' }, keys.secretKey, { footer: { kid: tokens.kid } });
    await expect(tokens.verify(bare, { type: 'invitation' })).rejects.toMatchObject({
      code: 'ERR_TOKEN_CLAIM_INVALID',
    });
  });

  it('rejects bad input: reserved claims, a malformed type, a ttl beyond maxTtl, a missing verify type', async () => {
    const { tokens } = setup();
    await expect(tokens.issue('invitation', { jti: 'mine' })).rejects.toBeInstanceOf(
      TokenPayloadInvalidError,
    );
    await expect(tokens.issue('invitation', { exp: 'later' })).rejects.toBeInstanceOf(
      TokenPayloadInvalidError,
    );
    await expect(tokens.issue('bad type!', {})).rejects.toBeInstanceOf(TokenPayloadInvalidError);
    await expect(tokens.issue('invitation', {}, { ttl: 31 * 24 * 3_600_000 })).rejects.toThrow(TypeError);
    await expect(tokens.issue('invitation', {}, { ttl: 0 })).rejects.toThrow(TypeError);
    const { token } = await tokens.issue('invitation', {});
    await expect(tokens.verify(token, {} as { type: string })).rejects.toThrow(
      'verify: options.type is required',
    );
  });

  it('a verify-only instance verifies but cannot issue; no key at all is a configuration error', async () => {
    const { tokens, store } = setup();
    const verifier = createTrustTokens({ keys: { publicKeys: [keys.publicKey] }, store, now: () => frozen });
    const { token } = await tokens.issue('invitation', {});
    expect(await verifier.verify(token, { type: 'invitation' })).toHaveProperty('typ');
    expect(verifier.kid).toBeNull();
    await expect(verifier.issue('invitation', {})).rejects.toBeInstanceOf(TokenUnknownKeyError);
    expect(() => createTrustTokens({ keys: {}, store })).toThrow(TokenKeyInvalidError);
    expect(() => createTrustTokens({ keys: { secretKey: 'k4.secret.nope' }, store })).toThrow(
      TokenKeyInvalidError,
    );
  });
});
