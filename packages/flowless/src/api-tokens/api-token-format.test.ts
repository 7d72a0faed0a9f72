import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isWellFormedApiToken, looksLikeApiToken, mintApiToken } from './api-token-format.js';

describe('API token format', () => {
  it('mintApiToken() makes flw_pat_<43 base64url>_<crc32 hex> tokens that pass the check', () => {
    const { secret, displayPrefix } = mintApiToken();
    expect(secret).toMatch(/^flw_pat_[A-Za-z0-9_-]{43}_[0-9a-f]{8}$/);
    expect(isWellFormedApiToken(secret)).toBe(true);
    expect(displayPrefix).toBe(secret.slice(0, 12));
    const body = secret.slice(0, -9);
    expect(secret.slice(-8)).toBe(crc32(body).toString(16).padStart(8, '0'));
  });

  it('mintApiToken() never repeats a secret', () => {
    const seen = new Set(Array.from({ length: 200 }, () => mintApiToken().secret));
    expect(seen.size).toBe(200);
  });

  it('isWellFormedApiToken() refuses a changed character, a bad checksum and wrong lengths', () => {
    const { secret } = mintApiToken();
    const flipped = `${secret.slice(0, 10)}${secret[10] === 'A' ? 'B' : 'A'}${secret.slice(11)}`;
    expect(isWellFormedApiToken(flipped)).toBe(false);
    expect(isWellFormedApiToken(`${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`)).toBe(false);
    expect(isWellFormedApiToken(secret.slice(0, -1))).toBe(false);
    expect(isWellFormedApiToken(`${secret}0`)).toBe(false);
    expect(isWellFormedApiToken(secret.toUpperCase())).toBe(false);
    expect(isWellFormedApiToken('flw_pat_')).toBe(false);
  });

  it('looksLikeApiToken() is true for anything with the prefix, well formed or not', () => {
    expect(looksLikeApiToken('flw_pat_x')).toBe(true);
    expect(looksLikeApiToken('ses_abc')).toBe(false);
  });
});
