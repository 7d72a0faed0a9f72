import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  createMemoryTokenStateStore,
  createTrustTokens,
  publicKeyId,
  TokenDuplicateKeyError,
  TokenError,
  TokenInvalidError,
  V4,
} from 'flowfull/tokens';
import { describe, expect, it } from 'vitest';
import { forgeLocal, forgePublic } from './support/forge-token.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const localKey = randomBytes(32);

// Payloads two JSON parsers may read differently: each has one key twice, at some depth, spelled
// the same or with an escape.
const duplicated = [
  '{"sub":"a","sub":"b"}',
  '{"sub":"a","s\\u0075b":"b"}',
  '{"a":{"role":"member","role":"admin"}}',
  '{"a":[1,{"x":{"y":[{"z":1,"z":2}]}}]}',
  '{"a":{},"b":[{}],"a":1}',
  '{"__proto__":1,"__proto__":2}',
  ' {\n "sub" : "a" ,\t"sub":"b" } ',
];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('duplicate JSON keys', () => {
  it.each(duplicated)('V4.verify() rejects a signed payload with a duplicate key: %s', async (payload) => {
    expect(await codeOf(V4.verify(forgePublic(payload, '', privateKey), publicKey))).toBe(
      'ERR_TOKEN_DUPLICATE_KEY',
    );
  });

  it.each(duplicated)(
    'V4.decrypt() rejects an encrypted payload with a duplicate key: %s',
    async (payload) => {
      expect(await codeOf(V4.decrypt(forgeLocal(payload, '', localKey), localKey))).toBe(
        'ERR_TOKEN_DUPLICATE_KEY',
      );
    },
  );

  it('still accepts the same keys in different objects, and equal values under different keys', async () => {
    const payload = '{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}],"x":"\\"x\\":1"}';
    expect(await V4.verify(forgePublic(payload, '', privateKey), publicKey)).toEqual(JSON.parse(payload));
    expect(await V4.decrypt(forgeLocal(payload, '', localKey), localKey)).toEqual(JSON.parse(payload));
  });

  it('V4.verify() and V4.decrypt() reject a JSON footer with a duplicate key, and accept other footers', async () => {
    const footer = '{"kid":"k1","kid":"k2"}';
    expect(await codeOf(V4.verify(forgePublic('{"a":1}', footer, privateKey), publicKey))).toBe(
      'ERR_TOKEN_DUPLICATE_KEY',
    );
    expect(await codeOf(V4.decrypt(forgeLocal('{"a":1}', footer, localKey), localKey))).toBe(
      'ERR_TOKEN_DUPLICATE_KEY',
    );
    expect(await codeOf(V4.verify(forgePublic('{"a":1}', '[{"k":1,"k":2}]', privateKey), publicKey))).toBe(
      'ERR_TOKEN_DUPLICATE_KEY',
    );
    for (const plain of ['{"kid":"k1"}', 'kid=k1,kid=k2', '{"kid":"k1","kid":"k2"', '{not json}']) {
      const result = await V4.verify(forgePublic('{"a":1}', plain, privateKey), publicKey, {
        complete: true,
      });
      expect(result.footer).toBe(plain);
    }
  });

  it('V4.sign() and V4.encrypt() refuse a string payload or footer with a duplicate key', async () => {
    for (const payload of duplicated) {
      expect(await codeOf(V4.sign(payload, privateKey))).toBe('ERR_TOKEN_DUPLICATE_KEY');
      expect(await codeOf(V4.encrypt(payload, localKey))).toBe('ERR_TOKEN_DUPLICATE_KEY');
    }
    const footer = '{"kid":"k1","kid":"k2"}';
    expect(await codeOf(V4.sign({ a: 1 }, privateKey, { footer }))).toBe('ERR_TOKEN_DUPLICATE_KEY');
    expect(await codeOf(V4.encrypt({ a: 1 }, localKey, { footer }))).toBe('ERR_TOKEN_DUPLICATE_KEY');
    expect(await codeOf(V4.sign({ a: 1 }, privateKey, { footer: 'kid=k1,kid=k2' }))).toBe('accepted');
  });

  it('a trust token whose footer names two kids is rejected before any key is picked', async () => {
    const tokens = createTrustTokens({
      keys: { secretKey: privateKey },
      store: createMemoryTokenStateStore(),
    });
    const kid = publicKeyId(publicKey);
    const token = forgePublic(
      JSON.stringify({
        typ: 'invite',
        jti: 'j1',
        iat: new Date(Date.now() - 1000).toISOString(),
        exp: new Date(Date.now() + 60_000).toISOString(),
      }),
      `{"kid":"k4.pid.unknown","kid":"${kid}"}`,
      privateKey,
    );
    const error = await tokens.verify(token, { type: 'invite' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenDuplicateKeyError);
    expect(error).toMatchObject({ code: 'ERR_TOKEN_DUPLICATE_KEY', part: 'footer' });
    expect(error).not.toBeInstanceOf(TokenInvalidError);
  });
});
