import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  TokenClaimInvalidError,
  TokenExpiredError,
  TokenInvalidError,
  TokenKeyInvalidError,
  TokenNotYetValidError,
  TokenPayloadInvalidError,
  TokenWrongPurposeError,
} from '../errors.js';
import { decodePaserk } from './paserk.js';
import { V4 } from './v4.js';

const { secretKey, publicKey } = await V4.generateKey('public');
const localKey = await V4.generateKey('local');
const frozen = Date.parse('2030-01-01T00:00:00Z');
const at = (ms: number) => () => ms;
const iso = (ms: number): string => new Date(ms).toISOString();

// Changes one base64url character of part `index` (0 header, 1 body, 2 footer) of a token.
function flip(token: string, part: number, position = 5): string {
  const parts = token.split('.');
  const segment = parts[part + 1] ?? '';
  const char = segment[position] === 'A' ? 'B' : 'A';
  parts[part + 1] = segment.slice(0, position) + char + segment.slice(position + 1);
  return parts.join('.');
}

describe('V4.sign() / V4.verify()', () => {
  it('round-trips a payload, footer and implicit assertion', async () => {
    const token = await V4.sign({ sub: 'user_1' }, secretKey, { footer: { kid: 'k' }, assertion: 'bound' });
    expect(token).toMatch(/^v4\.public\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await V4.verify(token, publicKey, { assertion: 'bound' })).toEqual({ sub: 'user_1' });
    const complete = await V4.verify(token, publicKey, { assertion: 'bound', complete: true });
    expect(complete).toEqual({
      payload: { sub: 'user_1' },
      footer: '{"kid":"k"}',
      version: 'v4',
      purpose: 'public',
    });
  });

  it('accepts keys as PASERK, raw bytes and KeyObjects alike', async () => {
    const raw = decodePaserk(secretKey).key;
    const pair = generateKeyPairSync('ed25519');
    const token = await V4.sign({ a: 1 }, raw);
    expect(await V4.verify(token, decodePaserk(publicKey).key)).toEqual({ a: 1 });
    expect(await V4.verify(token, publicKey)).toEqual({ a: 1 });
    expect(await V4.verify(await V4.sign({ a: 2 }, pair.privateKey), pair.publicKey)).toEqual({ a: 2 });
  });

  it('rejects a token whose header, payload, signature or footer was altered, or whose assertion differs', async () => {
    const token = await V4.sign({ sub: 'user_1', role: 'member' }, secretKey, {
      footer: 'f',
      assertion: 'a',
    });
    const options = { assertion: 'a' };
    expect(await V4.verify(token, publicKey, options)).toEqual({ sub: 'user_1', role: 'member' });
    await expect(
      V4.verify(token.replace('v4.public.', 'v4.publik.'), publicKey, options),
    ).rejects.toBeInstanceOf(TokenInvalidError);
    await expect(V4.verify(flip(token, 1, 3), publicKey, options)).rejects.toBeInstanceOf(TokenInvalidError);
    const body = token.split('.')[2] ?? '';
    await expect(V4.verify(flip(token, 1, body.length - 10), publicKey, options)).rejects.toBeInstanceOf(
      TokenInvalidError,
    );
    await expect(V4.verify(flip(token, 2, 0), publicKey, options)).rejects.toBeInstanceOf(TokenInvalidError);
    await expect(V4.verify(token, publicKey, { assertion: 'b' })).rejects.toBeInstanceOf(TokenInvalidError);
    await expect(V4.verify(token, publicKey)).rejects.toBeInstanceOf(TokenInvalidError);
    const withoutFooter = token.slice(0, token.lastIndexOf('.'));
    await expect(V4.verify(withoutFooter, publicKey, options)).rejects.toBeInstanceOf(TokenInvalidError);
  });

  it('rejects a token signed by another key', async () => {
    const other = await V4.generateKey('public');
    const token = await V4.sign({ sub: 'user_1' }, other.secretKey);
    await expect(V4.verify(token, publicKey)).rejects.toThrow('Token signature verification failed');
  });

  it('rejects another version or purpose with ERR_TOKEN_WRONG_PURPOSE, and garbage with ERR_TOKEN_INVALID', async () => {
    const local = await V4.encrypt({ a: 1 }, localKey);
    await expect(V4.verify(local, publicKey)).rejects.toBeInstanceOf(TokenWrongPurposeError);
    const signed = await V4.sign({ a: 1 }, secretKey);
    await expect(V4.decrypt(signed, localKey)).rejects.toBeInstanceOf(TokenWrongPurposeError);
    await expect(V4.verify(signed.replace('v4.', 'v3.'), publicKey)).rejects.toBeInstanceOf(
      TokenWrongPurposeError,
    );
    await expect(V4.verify('not a token', publicKey)).rejects.toBeInstanceOf(TokenInvalidError);
    await expect(V4.verify(42 as unknown as string, publicKey)).rejects.toBeInstanceOf(TokenInvalidError);
    await expect(V4.verify(`${signed}.`, publicKey)).rejects.toBeInstanceOf(TokenInvalidError);
    await expect(V4.verify('v4.public.AAAA', publicKey)).rejects.toThrow('Token is too short');
  });

  it('rejects a token above the size limit (8 KiB by default) before verifying it', async () => {
    const big = await V4.sign({ data: 'x'.repeat(9000) }, secretKey);
    await expect(V4.verify(big, publicKey)).rejects.toThrow('Token is longer than 8192 characters');
    expect(await V4.verify(big, publicKey, { maxTokenLength: 16_384 })).toHaveProperty('data');
  });

  it('signs only JSON objects: a string must be the JSON text of an object, kept byte for byte', async () => {
    const text = '{"b":1,  "a":2}';
    const token = await V4.sign(text, secretKey);
    expect(
      Buffer.from(token.split('.')[2] ?? '', 'base64url')
        .subarray(0, text.length)
        .toString(),
    ).toBe(text);
    for (const bad of ['[1,2]', '"text"', '42', 'null', '{not json']) {
      await expect(V4.sign(bad, secretKey)).rejects.toBeInstanceOf(TokenPayloadInvalidError);
    }
    for (const bad of [null, [1], 42]) {
      await expect(V4.sign(bad as unknown as Record<string, unknown>, secretKey)).rejects.toBeInstanceOf(
        TokenPayloadInvalidError,
      );
    }
  });

  it('rejects malformed keys with ERR_TOKEN_KEY_INVALID and never puts the key in the message', async () => {
    const cases: unknown[] = [
      new Uint8Array(31),
      localKey,
      publicKey,
      'k3.secret.AAAA',
      42,
      createSecretKey(Buffer.alloc(32)),
    ];
    for (const key of cases) {
      const failure = V4.sign({ a: 1 }, key as Uint8Array);
      await expect(failure).rejects.toBeInstanceOf(TokenKeyInvalidError);
      await failure.catch((error: Error) => expect(error.message).not.toContain(localKey.slice(9)));
    }
    const mismatched = Buffer.concat([decodePaserk(secretKey).key.subarray(0, 32), Buffer.alloc(32, 1)]);
    await expect(V4.sign({ a: 1 }, mismatched)).rejects.toThrow(
      'The secret key does not match its public half',
    );
    await expect(V4.verify('v4.public.AAAA', secretKey)).rejects.toBeInstanceOf(TokenKeyInvalidError);
  });
});

describe('V4.encrypt() / V4.decrypt()', () => {
  it('round-trips, hides the payload, and draws a fresh nonce every time', async () => {
    const first = await V4.encrypt({ secret: 'value' }, localKey, { footer: 'f', assertion: 'a' });
    const second = await V4.encrypt({ secret: 'value' }, localKey, { footer: 'f', assertion: 'a' });
    expect(first).not.toBe(second);
    expect(Buffer.from(first.split('.')[2] ?? '', 'base64url').toString('latin1')).not.toContain('value');
    expect(await V4.decrypt(first, localKey, { assertion: 'a' })).toEqual({ secret: 'value' });
    expect(await V4.decrypt(first, createSecretKey(decodePaserk(localKey).key), { assertion: 'a' })).toEqual({
      secret: 'value',
    });
  });

  it('rejects a token whose nonce, ciphertext, tag or footer was altered, or whose assertion differs', async () => {
    const token = await V4.encrypt({ secret: 'value' }, localKey, { footer: 'f', assertion: 'a' });
    const body = token.split('.')[2] ?? '';
    for (const position of [2, 50, body.length - 5]) {
      await expect(V4.decrypt(flip(token, 1, position), localKey, { assertion: 'a' })).rejects.toThrow(
        'Token authentication failed',
      );
    }
    await expect(V4.decrypt(flip(token, 2, 0), localKey, { assertion: 'a' })).rejects.toBeInstanceOf(
      TokenInvalidError,
    );
    await expect(V4.decrypt(token, localKey, { assertion: 'b' })).rejects.toThrow(
      'Token authentication failed',
    );
    await expect(V4.decrypt(token, await V4.generateKey('local'), { assertion: 'a' })).rejects.toBeInstanceOf(
      TokenInvalidError,
    );
  });
});

describe('claims', () => {
  const claims = { exp: iso(frozen + 60_000), nbf: iso(frozen - 60_000), iat: iso(frozen - 60_000) };

  it('accepts a token inside its validity window on a frozen clock', async () => {
    const token = await V4.sign(claims, secretKey);
    expect(await V4.verify(token, publicKey, { now: at(frozen) })).toEqual(claims);
    expect(await V4.verify(token, publicKey, { now: at(frozen + 59_999) })).toEqual(claims);
  });

  it('rejects an expired token with ERR_TOKEN_EXPIRED, unless within the clock tolerance', async () => {
    const token = await V4.sign(claims, secretKey);
    const failure = V4.verify(token, publicKey, { now: at(frozen + 60_000) });
    await expect(failure).rejects.toBeInstanceOf(TokenExpiredError);
    await expect(failure).rejects.toMatchObject({
      code: 'ERR_TOKEN_EXPIRED',
      expiredAt: new Date(frozen + 60_000),
    });
    expect(await V4.verify(token, publicKey, { now: at(frozen + 60_000), clockTolerance: 1000 })).toEqual(
      claims,
    );
    const encrypted = await V4.encrypt(claims, localKey);
    await expect(V4.decrypt(encrypted, localKey, { now: at(frozen + 61_000) })).rejects.toBeInstanceOf(
      TokenExpiredError,
    );
  });

  it('rejects a token before its nbf or with an iat in the future with ERR_TOKEN_NOT_YET_VALID', async () => {
    const early = await V4.sign({ nbf: iso(frozen + 1000) }, secretKey);
    await expect(V4.verify(early, publicKey, { now: at(frozen) })).rejects.toBeInstanceOf(
      TokenNotYetValidError,
    );
    expect(await V4.verify(early, publicKey, { now: at(frozen + 1000) })).toHaveProperty('nbf');
    const future = await V4.sign({ iat: iso(frozen + 5000) }, secretKey);
    await expect(V4.verify(future, publicKey, { now: at(frozen) })).rejects.toMatchObject({
      code: 'ERR_TOKEN_NOT_YET_VALID',
    });
  });

  it('rejects time claims that are not ISO 8601 date-times', async () => {
    for (const exp of [Math.floor(frozen / 1000), '2030-01-01', 'tomorrow', '2030-13-01T00:00:00Z']) {
      const token = await V4.sign({ exp }, secretKey);
      await expect(V4.verify(token, publicKey, { now: at(frozen) })).rejects.toMatchObject({
        code: 'ERR_TOKEN_CLAIM_INVALID',
        claim: 'exp',
      });
    }
    const offset = await V4.sign({ exp: '2030-01-01T02:00:00+01:00' }, secretKey);
    expect(await V4.verify(offset, publicKey, { now: at(frozen) })).toHaveProperty('exp');
  });

  it('checks aud, iss and sub only when asked, and rejects a mismatch with ERR_TOKEN_CLAIM_INVALID', async () => {
    const token = await V4.sign({ aud: 'app', iss: 'auth', sub: 'user_1' }, secretKey);
    expect(await V4.verify(token, publicKey)).toHaveProperty('aud', 'app');
    expect(
      await V4.verify(token, publicKey, { audience: ['other', 'app'], issuer: 'auth', subject: 'user_1' }),
    ).toHaveProperty('sub', 'user_1');
    await expect(V4.verify(token, publicKey, { audience: 'other' })).rejects.toBeInstanceOf(
      TokenClaimInvalidError,
    );
    await expect(V4.verify(token, publicKey, { issuer: 'evil' })).rejects.toMatchObject({ claim: 'iss' });
    await expect(V4.verify(token, publicKey, { subject: 'user_2' })).rejects.toMatchObject({ claim: 'sub' });
    const bare = await V4.sign({}, secretKey);
    await expect(V4.verify(bare, publicKey, { audience: 'app' })).rejects.toMatchObject({ claim: 'aud' });
  });
});
