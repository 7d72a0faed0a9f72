import { describe, expect, it } from 'vitest';
import {
  TokenExpiredError,
  TokenInvalidError,
  TokenKeyInvalidError,
  TokenUnknownKeyError,
  TokenUsedError,
  TokenWrongPurposeError,
} from './errors.js';
import { localKeyId } from './key-ring.js';
import { V4 } from './paseto/v4.js';
import { createMemoryTokenStateStore } from './store/memory-store.js';
import { createTrustTokens } from './trust-tokens.js';

const localKey = await V4.generateKey('local');
const frozen = Date.parse('2030-01-01T00:00:00Z');

function local(key: string = localKey, previousLocalKeys: readonly string[] = [], now = () => frozen) {
  return createTrustTokens({
    keys: { localKey: key, previousLocalKeys },
    purpose: 'local',
    store: createMemoryTokenStateStore({ now }),
    now,
  });
}

/** Flips one character of the token body, keeping it canonical base64url. */
function tamper(token: string, at: number): string {
  const flipped = token[at] === 'A' ? 'B' : 'A';
  return token.slice(0, at) + flipped + token.slice(at + 1);
}

describe("createTrustTokens({ purpose: 'local' })", () => {
  it('issues encrypted v4.local tokens under the k4.lid of the local key, hiding the claims', async () => {
    const tokens = local();
    const { token } = await tokens.issue('email_change', { sub: 'user_1', email: 'new@example.com' });
    expect(token.startsWith('v4.local.')).toBe(true);
    expect(tokens.kid).toBe(localKeyId(localKey));
    expect(tokens.kid).toMatch(/^k4\.lid\./);
    const complete = await V4.decrypt(token, localKey, { complete: true, now: () => frozen });
    expect(JSON.parse(complete.footer)).toEqual({ kid: tokens.kid });
    const body = Buffer.from(token.split('.')[2] ?? '', 'base64url').toString('latin1');
    expect(body).not.toContain('new@example.com');
    expect(body).not.toContain('email_change');
  });

  it('verifies and consumes once, checking the type like public tokens', async () => {
    const tokens = local();
    const { token } = await tokens.issue('email_change', { sub: 'user_1' }, { singleUse: true });
    expect(await tokens.verify(token, { type: 'email_change' })).toMatchObject({ sub: 'user_1' });
    await expect(tokens.consume(token, { type: 'password_reset' })).rejects.toBeInstanceOf(
      TokenWrongPurposeError,
    );
    expect(await tokens.consume(token, { type: 'email_change' })).toMatchObject({ single_use: true });
    await expect(tokens.consume(token, { type: 'email_change' })).rejects.toBeInstanceOf(TokenUsedError);
  });

  it('rejects a token encrypted under another local key, even one naming this key’s kid', async () => {
    const tokens = local();
    const other = await V4.generateKey('local');
    const { token } = await local(other).issue('email_change', {});
    await expect(tokens.verify(token, { type: 'email_change' })).rejects.toBeInstanceOf(TokenUnknownKeyError);
    const exp = new Date(frozen + 60_000).toISOString();
    const forged = await V4.encrypt({ typ: 'email_change', jti: 'j1', iat: exp, exp }, other, {
      footer: { kid: tokens.kid },
    });
    await expect(tokens.verify(forged, { type: 'email_change' })).rejects.toBeInstanceOf(TokenInvalidError);
  });

  it('rejects a tampered nonce, ciphertext, tag or footer with ERR_TOKEN_INVALID', async () => {
    const tokens = local();
    const { token } = await tokens.issue('email_change', { sub: 'user_1' });
    const bodyStart = 'v4.local.'.length;
    const footerStart = token.lastIndexOf('.') + 1;
    for (const at of [bodyStart + 3, bodyStart + 40, bodyStart + 60, footerStart - 5]) {
      await expect(tokens.verify(tamper(token, at), { type: 'email_change' })).rejects.toBeInstanceOf(
        TokenInvalidError,
      );
    }
    const kid = tokens.kid ?? '';
    const footer = Buffer.from(JSON.stringify({ kid, x: 1 })).toString('base64url');
    await expect(
      tokens.verify(`${token.slice(0, footerStart)}${footer}`, { type: 'email_change' }),
    ).rejects.toBeInstanceOf(TokenInvalidError);
    expect(await tokens.verify(token, { type: 'email_change' })).toMatchObject({ sub: 'user_1' });
  });

  it('rejects an expired local token on a frozen clock', async () => {
    let now = frozen;
    const tokens = local(localKey, [], () => now);
    const { token } = await tokens.issue('email_change', {}, { ttl: 1000 });
    now += 1000;
    await expect(tokens.consume(token, { type: 'email_change' })).rejects.toBeInstanceOf(TokenExpiredError);
  });

  it('a public token is the wrong purpose for a local instance, and a local token for a public one', async () => {
    const signing = await V4.generateKey('public');
    const store = createMemoryTokenStateStore();
    const publicTokens = createTrustTokens({ keys: { secretKey: signing.secretKey, localKey }, store });
    const localTokens = local();
    const signed = await publicTokens.issue('email_change', {});
    const sealed = await localTokens.issue('email_change', {});
    expect(signed.token.startsWith('v4.public.')).toBe(true);
    await expect(localTokens.verify(signed.token, { type: 'email_change' })).rejects.toBeInstanceOf(
      TokenWrongPurposeError,
    );
    await expect(publicTokens.verify(sealed.token, { type: 'email_change' })).rejects.toBeInstanceOf(
      TokenWrongPurposeError,
    );
    await expect(localTokens.verify('garbage', { type: 'email_change' })).rejects.toBeInstanceOf(
      TokenInvalidError,
    );
  });

  it('rotation: tokens of a previous local key keep opening while new ones use the new key', async () => {
    const next = await V4.generateKey('local');
    const old = await local().issue('email_change', {});
    const rotated = local(next, [localKey]);
    expect(rotated.kid).toBe(localKeyId(next));
    expect(await rotated.verify(old.token, { type: 'email_change' })).toMatchObject({ jti: old.jti });
    const fresh = await rotated.issue('email_change', {});
    await expect(local().verify(fresh.token, { type: 'email_change' })).rejects.toBeInstanceOf(
      TokenUnknownKeyError,
    );
  });

  it('needs a well-formed local key, and refuses an unknown purpose', () => {
    const store = createMemoryTokenStateStore();
    expect(() => createTrustTokens({ keys: {}, purpose: 'local', store })).toThrow(
      'Local trust tokens need a local key (k4.local)',
    );
    expect(() => createTrustTokens({ keys: { localKey: 'k4.local.bad' }, purpose: 'local', store })).toThrow(
      TokenKeyInvalidError,
    );
    expect(() => createTrustTokens({ keys: { localKey }, purpose: 'sealed' as 'local', store })).toThrow(
      "purpose must be 'public' or 'local'",
    );
  });
});
