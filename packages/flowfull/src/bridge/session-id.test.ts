import { describe, expect, it } from 'vitest';
import { hashSessionId, isWellFormedSessionId } from './session-id.js';

describe('session ids', () => {
  it('hashes with SHA-256 hex', () => {
    expect(hashSessionId('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('accepts 1 to 256 visible ASCII characters only', () => {
    expect(isWellFormedSessionId('a'.repeat(256))).toBe(true);
    expect(isWellFormedSessionId('a'.repeat(257))).toBe(false);
    expect(isWellFormedSessionId('a b')).toBe(false);
    expect(isWellFormedSessionId('\u00e9')).toBe(false);
    expect(isWellFormedSessionId('')).toBe(false);
  });
});
