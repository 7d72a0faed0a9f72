import { createSecretKey, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TokenKeyInvalidError } from '../errors.js';
import { KEY_CACHE_LIMIT, KeyImportCache } from './key-cache.js';
import { importLocalKey } from './keys.js';
import { encodePaserk } from './paserk.js';
import { V4 } from './v4.js';

// A cache whose import records every call, to count how often a key is imported.
function countingCache(): { cache: KeyImportCache<string>; imports: string[] } {
  const imports: string[] = [];
  const cache = new KeyImportCache((bytes: Uint8Array) => {
    const hex = Buffer.from(bytes).toString('hex');
    imports.push(hex);
    return `imported:${hex}`;
  });
  return { cache, imports };
}

describe('KeyImportCache', () => {
  it('imports the same array once, and a rewritten array again', () => {
    const { cache, imports } = countingCache();
    const bytes = Uint8Array.from(randomBytes(32));
    const first = cache.bytes(bytes);
    expect(cache.bytes(bytes)).toBe(first);
    expect(imports).toHaveLength(1);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(cache.bytes(bytes)).toBe(`imported:${Buffer.from(bytes).toString('hex')}`);
    expect(imports).toHaveLength(2);
  });

  it('imports equal bytes in different arrays once (content level)', () => {
    const { cache, imports } = countingCache();
    const key = randomBytes(32);
    for (let i = 0; i < 5; i++) cache.bytes(Buffer.from(key));
    expect(imports).toHaveLength(1);
  });

  it('keeps at most KEY_CACHE_LIMIT keys by content, dropping the least recently used', () => {
    const { cache, imports } = countingCache();
    const keys = Array.from({ length: KEY_CACHE_LIMIT + 1 }, () => randomBytes(32));
    const [first, second] = keys;
    if (first === undefined || second === undefined) throw new Error('no keys');
    cache.content(first);
    cache.content(second);
    cache.content(first); // first is now the most recently used
    for (const key of keys.slice(2)) cache.content(key);
    expect(imports).toHaveLength(KEY_CACHE_LIMIT + 1);
    cache.content(first);
    expect(imports).toHaveLength(KEY_CACHE_LIMIT + 1);
    cache.content(second);
    expect(imports).toHaveLength(KEY_CACHE_LIMIT + 2);
  });

  it('never caches a failed import', () => {
    let calls = 0;
    const cache = new KeyImportCache((): string => {
      calls++;
      throw new TokenKeyInvalidError('bad key');
    });
    const bytes = new Uint8Array(32);
    expect(() => cache.bytes(bytes)).toThrow('bad key');
    expect(() => cache.bytes(bytes)).toThrow('bad key');
    expect(calls).toBe(2);
  });

  it('shows no key bytes when inspected', () => {
    const { cache } = countingCache();
    const key = Buffer.alloc(32, 0xab);
    cache.bytes(key);
    cache.text(encodePaserk('k4.local', key), () => key);
    const shown = inspect(cache, { showHidden: true, depth: 10 });
    expect(shown).not.toMatch(/ab ab|abab|q6ur/i);
  });
});

describe('importLocalKey()', () => {
  it('derives a v4.local key once per key, given as KeyObject, PASERK, raw bytes or fresh copies', () => {
    const { cache, imports } = countingCache();
    const raw = randomBytes(32);
    const keyObject = createSecretKey(raw);
    const paserk = encodePaserk('k4.local', raw);
    const first = importLocalKey(keyObject, cache);
    expect(importLocalKey(keyObject, cache)).toBe(first);
    expect(importLocalKey(paserk, cache)).toBe(first);
    expect(importLocalKey(raw, cache)).toBe(first);
    expect(importLocalKey(Buffer.from(raw), cache)).toBe(first);
    expect(importLocalKey(createSecretKey(raw), cache)).toBe(first);
    expect(imports).toHaveLength(1);
  });

  it('rejects a wrong length, PASERK type or KeyObject on every call', () => {
    const { cache, imports } = countingCache();
    for (let i = 0; i < 2; i++) {
      expect(() => importLocalKey(new Uint8Array(31), cache)).toThrow('A v4.local key must be 32 bytes');
      expect(() => importLocalKey(createSecretKey(randomBytes(16)), cache)).toThrow(TokenKeyInvalidError);
      expect(() => importLocalKey(encodePaserk('k4.public', randomBytes(32)), cache)).toThrow(
        'Expected a k4.local key, got k4.public',
      );
    }
    expect(imports).toHaveLength(0);
  });

  it('decrypts with the new key after the caller rewrites its key array', async () => {
    const key = Uint8Array.from(randomBytes(32));
    const before = await V4.encrypt({ n: 1 }, key);
    const original = Uint8Array.from(key);
    key.set(randomBytes(32));
    const after = await V4.encrypt({ n: 2 }, key);
    expect(await V4.decrypt(after, key)).toEqual({ n: 2 });
    await expect(V4.decrypt(before, key)).rejects.toThrow('Token authentication failed');
    expect(await V4.decrypt(before, original)).toEqual({ n: 1 });
  });
});
