import { describe, expect, it } from 'vitest';
import { randomSecret, safeEqual, secretMatcher, sha256Hex } from './opaque-secret.js';

describe('opaque secrets', () => {
  it('sha256Hex() gives the lowercase hex SHA-256 of the UTF-8 text (FIPS 180-2 "abc" vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'));
    expect(sha256Hex('é')).not.toBe(sha256Hex('e\u0301'));
  });

  it('randomSecret() gives 256 bits as 43 base64url characters, different every time', () => {
    const a = randomSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSecret()).not.toBe(a);
  });

  it('safeEqual() accepts the same string and refuses a different one, a prefix or an empty one', () => {
    const secret = 'bridge-secret-0123456789abcdefghijkl';
    expect(safeEqual(secret, secret)).toBe(true);
    expect(safeEqual(`${secret}x`, secret)).toBe(false);
    expect(safeEqual(secret.slice(0, -1), secret)).toBe(false);
    expect(safeEqual('', secret)).toBe(false);
  });

  it('secretMatcher() answers like safeEqual() against its fixed secret', () => {
    const secret = 'bridge-secret-0123456789abcdefghijkl';
    const matches = secretMatcher(secret);
    expect(matches(secret)).toBe(true);
    expect(matches(secret.toUpperCase())).toBe(false);
    expect(matches(`${secret} `)).toBe(false);
    expect(matches('')).toBe(false);
  });
});
