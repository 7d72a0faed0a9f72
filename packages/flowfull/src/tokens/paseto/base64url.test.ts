import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';

describe('base64url', () => {
  it('round-trips every length from 0 to 66 bytes', () => {
    for (let length = 0; length <= 66; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, index) => (index * 37 + length) & 0xff));
      expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('decodes canonical text and rejects padding, the standard alphabet, bad lengths and trailing bits', () => {
    expect(decodeBase64Url('-_8')).toEqual(Buffer.from([0xfb, 0xff]));
    expect(decodeBase64Url('-_8=')).toBeNull();
    expect(decodeBase64Url('+/8')).toBeNull();
    expect(decodeBase64Url('-_8 ')).toBeNull();
    expect(decodeBase64Url('AAAAA')).toBeNull();
    expect(decodeBase64Url('-_9')).toBeNull();
    expect(decodeBase64Url('AB')).toBeNull();
    expect(decodeBase64Url('AA')).toEqual(Buffer.from([0]));
  });
});
