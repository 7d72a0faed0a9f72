import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, expect, it } from 'vitest';
import { describeWithService } from '#test-support/services.js';
import { cacheFactory, inspector, redisUrl, removeKeys } from './support.js';

describeWithService('redis', 'HybridCache keyPrefix in Redis', () => {
  const caches = cacheFactory();
  const redis = inspector();
  const base = `test_cache_prefix_${randomUUID()}`;
  afterEach(async () => {
    await caches.closeAll();
    await removeKeys(redis, base);
  });
  afterAll(() => redis.disconnect());

  it('puts a ":" between a keyPrefix without one and the key', async () => {
    const cache = caches.create<string>({ keyPrefix: `${base}_user_ctx`, redis: redisUrl });
    await cache.set('u1', 'v1');
    expect(await redis.hget(`${base}_user_ctx:u1`, 'v')).toBe('"v1"');
    expect(await redis.exists(`${base}_user_ctxu1`)).toBe(0);
  });

  it('keeps a keyPrefix that already ends with ":" as it is', async () => {
    const cache = caches.create<string>({ keyPrefix: `${base}_sessions:`, redis: redisUrl });
    await cache.set('s1', 'v1');
    expect(await redis.hget(`${base}_sessions:s1`, 'v')).toBe('"v1"');
    expect(await redis.exists(`${base}_sessions::s1`)).toBe(0);
  });

  it('clear() of keyPrefix "p" leaves the keys of a cache whose keyPrefix is "p2"', async () => {
    const p = caches.create<string>({ keyPrefix: `${base}_p`, redis: redisUrl });
    const p2 = caches.create<string>({ keyPrefix: `${base}_p2`, redis: redisUrl });
    await p.set('a', 'mine');
    await p2.set('a', 'theirs');
    expect(await p.clear()).toBe(1);
    expect(await redis.hget(`${base}_p2:a`, 'v')).toBe('"theirs"');
    expect(await p2.get('a')).toBe('theirs');
    expect(await p.get('a')).toBeNull();
  });

  it('deleteByPrefix() matches key prefixes after the separator, inside the keyPrefix only', async () => {
    const cache = caches.create<string>({ keyPrefix: `${base}_org`, redis: redisUrl });
    const sibling = caches.create<string>({ keyPrefix: `${base}_org_42`, redis: redisUrl });
    await cache.set('42:a', 'x');
    await cache.set('42:b', 'y');
    await cache.set('43:a', 'z');
    await sibling.set('a', 'other cache');
    expect(await cache.deleteByPrefix('42:')).toBe(2);
    expect(await redis.hget(`${base}_org:43:a`, 'v')).toBe('"z"');
    expect(await redis.hget(`${base}_org_42:a`, 'v')).toBe('"other cache"');
    expect(await redis.hget(`${base}_org:42:a`, 'v')).toBeNull();
  });
});
