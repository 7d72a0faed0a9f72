import { describe, expect, it } from 'vitest';
import { CacheClosedError, CacheKeyError, CacheOptionError, CacheValueError } from './errors.js';
import { HybridCache } from './hybrid-cache.js';

interface User {
  id: string;
  tags: string[];
}

function frozenClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('HybridCache in memory-only mode', () => {
  it('returns null on a miss and the stored value on a hit', async () => {
    const cache = new HybridCache<User>({ redis: null });
    expect(await cache.get('u1')).toBeNull();
    await cache.set('u1', { id: 'u1', tags: [] });
    expect(await cache.get('u1')).toEqual({ id: 'u1', tags: [] });
    expect(cache.metrics()).toMatchObject({
      totalRequests: 2,
      cacheHits: 1,
      cacheMisses: 1,
      lruHits: 1,
      hitRate: 50,
    });
  });

  it('ignores REDIS_URL when CACHE_ENABLED is false and uses CACHE_TTL_MS as the default ttl', async () => {
    const clock = frozenClock();
    const cache = new HybridCache<User>({
      config: { REDIS_URL: 'redis://127.0.0.1:1', CACHE_ENABLED: false, CACHE_TTL_MS: 10_000 },
      jitter: 0,
      now: clock.now,
    });
    await cache.set('u1', { id: 'u1', tags: [] });
    clock.advance(9_999);
    expect(await cache.get('u1')).not.toBeNull();
    clock.advance(1);
    expect(await cache.get('u1')).toBeNull();
    expect(cache.metrics()).toMatchObject({ errors: 0, bus: null });
  });

  it('expires entries after ttl seconds, on the injected clock', async () => {
    const clock = frozenClock();
    const cache = new HybridCache<User>({ redis: null, ttl: 60, jitter: 0, now: clock.now });
    await cache.set('u1', { id: 'u1', tags: [] });
    await cache.set('u2', { id: 'u2', tags: [] }, 120);
    clock.advance(60_000);
    expect(await cache.get('u1')).toBeNull();
    expect(await cache.get('u2')).not.toBeNull();
  });

  it('keeps jittered lifetimes within ttl ± jitter', async () => {
    for (const [random, lifetime] of [
      [0, 90_000],
      [0.999_999, 110_000],
    ] as const) {
      const clock = frozenClock();
      const cache = new HybridCache<User>({
        redis: null,
        ttl: 100,
        jitter: 0.1,
        now: clock.now,
        random: () => random,
      });
      await cache.set('u', { id: 'u', tags: [] });
      clock.advance(lifetime - 1);
      expect(await cache.get('u')).not.toBeNull();
      clock.advance(1);
      expect(await cache.get('u')).toBeNull();
    }
  });

  it('spreads the expiry of entries written together', async () => {
    const clock = frozenClock();
    const cache = new HybridCache<number>({ redis: null, ttl: 100, now: clock.now });
    for (let i = 0; i < 200; i++) await cache.set(`k${i}`, i);
    clock.advance(100_000);
    let alive = 0;
    for (let i = 0; i < 200; i++) if ((await cache.get(`k${i}`)) !== null) alive++;
    expect(alive).toBeGreaterThan(40);
    expect(alive).toBeLessThan(160);
  });

  it('holds at most maxSize entries, evicting the least recently used', async () => {
    const cache = new HybridCache<number>({ redis: null, maxSize: 100 });
    for (let i = 0; i < 1_000; i++) await cache.set(`k${i}`, i);
    expect(cache.metrics().l1Size).toBe(100);
    expect(await cache.get('k0')).toBeNull();
    expect(await cache.get('k999')).toBe(999);
  });

  it('calls the loader once for 1,000 concurrent misses of one key, and every caller gets the value', async () => {
    const cache = new HybridCache<User>({ redis: null });
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const loader = async (): Promise<User> => {
      calls++;
      await gate;
      return { id: 'u1', tags: ['a'] };
    };
    const waiting = Array.from({ length: 1_000 }, () => cache.getOrSet('u1', loader));
    release();
    const results = await Promise.all(waiting);
    expect(calls).toBe(1);
    expect(results.every((user) => user.id === 'u1')).toBe(true);
    results[0]?.tags.push('mutated');
    expect(results[1]?.tags).toEqual(['a']);
    expect(cache.metrics()).toMatchObject({ dbHits: 1, cacheMisses: 1_000, inFlight: 0 });
  });

  it('gives every concurrent waiter the loader error, and caches nothing', async () => {
    const cache = new HybridCache<User>({ redis: null });
    let calls = 0;
    const loader = async (): Promise<User> => {
      calls++;
      throw new Error('database down');
    };
    const settled = await Promise.allSettled([cache.getOrSet('u', loader), cache.getOrSet('u', loader)]);
    expect(calls).toBe(1);
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : 'ok'))).toEqual([
      'database down',
      'database down',
    ]);
    expect(await cache.get('u')).toBeNull();
  });

  it('does not store the result of a load that was in flight when the key was deleted', async () => {
    const cache = new HybridCache<string>({ redis: null });
    let release: (value: string) => void = () => undefined;
    let loaderStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (loaderStarted = resolve));
    const loading = cache.getOrSet('k', () => {
      loaderStarted();
      return new Promise<string>((resolve) => (release = resolve));
    });
    await started;
    await cache.delete('k');
    release('stale');
    expect(await loading).toBe('stale');
    expect(await cache.get('k')).toBeNull();
  });

  it('returns a null loader result without caching it', async () => {
    const cache = new HybridCache<string | null>({ redis: null });
    let calls = 0;
    const loader = (): null => {
      calls++;
      return null;
    };
    expect(await cache.getOrSet('k', loader)).toBeNull();
    expect(await cache.getOrSet('k', loader)).toBeNull();
    expect(calls).toBe(2);
  });

  it('normalizes values to JSON so every tier returns the same shape', async () => {
    const cache = new HybridCache<{ at: Date | string }>({ redis: null });
    await cache.set('k', { at: new Date(0) });
    expect(await cache.get('k')).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('deleteByPrefix and clear remove only matching keys', async () => {
    const cache = new HybridCache<number>({ redis: null });
    await cache.set('user:1', 1);
    await cache.set('user:2', 2);
    await cache.set('perm:1', 3);
    expect(await cache.deleteByPrefix('user:')).toBe(2);
    expect(await cache.get('user:1')).toBeNull();
    expect(await cache.get('perm:1')).toBe(3);
    expect(await cache.clear()).toBe(1);
    expect(await cache.get('perm:1')).toBeNull();
  });

  it('rejects empty, non-string and oversized keys with ERR_CACHE_INVALID_KEY', async () => {
    const cache = new HybridCache<number>({ redis: null });
    await expect(cache.get('')).rejects.toMatchObject({ code: 'ERR_CACHE_INVALID_KEY' });
    await expect(cache.get(42 as unknown as string)).rejects.toBeInstanceOf(CacheKeyError);
    await expect(cache.set('x'.repeat(1025), 1)).rejects.toBeInstanceOf(CacheKeyError);
    await expect(cache.set('x'.repeat(1024), 1)).resolves.toBeUndefined();
  });

  it('rejects undefined, null, cyclic and BigInt values with ERR_CACHE_INVALID_VALUE', async () => {
    const cache = new HybridCache<unknown>({ redis: null });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [undefined, null, cyclic, 10n]) {
      await expect(cache.set('k', bad)).rejects.toBeInstanceOf(CacheValueError);
    }
    await expect(cache.set('k', 0)).resolves.toBeUndefined();
  });

  it('rejects a bad ttl in set and getOrSet, and a missing loader', async () => {
    const cache = new HybridCache<number>({ redis: null });
    await expect(cache.set('k', 1, -5)).rejects.toMatchObject({
      code: 'ERR_CACHE_INVALID_OPTION',
      option: 'ttl',
    });
    await expect(cache.getOrSet('k', () => 1, { ttl: 0 })).rejects.toBeInstanceOf(CacheOptionError);
    await expect(cache.getOrSet('k', undefined as unknown as () => number)).rejects.toMatchObject({
      option: 'loader',
    });
  });

  it('rejects calls after close() with ERR_CACHE_CLOSED', async () => {
    const cache = new HybridCache<number>({ redis: null });
    await cache.close();
    await expect(cache.get('k')).rejects.toBeInstanceOf(CacheClosedError);
    await expect(cache.getOrSet('k', () => 1)).rejects.toMatchObject({ code: 'ERR_CACHE_CLOSED' });
  });
});
