import type { HybridCache } from 'flowfull/cache';
import { afterAll, expect, it, vi } from 'vitest';
import { describeWithService } from '#test-support/services.js';
import { cacheFactory, inspector, redisUrl, removeKeys, uniquePrefix, useCacheSuite } from './support.js';

describeWithService('redis', 'HybridCache when Redis fails', () => {
  const suite = useCacheSuite('faults', { proxy: true });

  const viaProxy = async () => {
    const warnings: Record<string, unknown>[] = [];
    const cache = suite.caches.create<string>({
      keyPrefix: suite.prefix,
      redis: suite.proxy.url,
      timeoutMs: 50,
      logger: { warn: (fields) => warnings.push(fields), debug: () => undefined },
    });
    await cache.ready();
    return { cache, warnings };
  };

  /** Waits (up to 5 s) until a write through `cache` lands in Redis again. */
  const untilWritesReachRedis = (cache: HybridCache<string>) =>
    vi.waitFor(
      async () => {
        await cache.set('after', 'back');
        expect(await suite.redis.hget(`${suite.prefix}after`, 'v')).toBe('"back"');
      },
      { timeout: 5_000, interval: 100 },
    );

  it('Redis killed: once its breaker is open L1 hits go on, misses fall through to the loader, faults are counted not thrown', async () => {
    const { cache, warnings } = await viaProxy();
    await cache.set('hot', 'h');
    await suite.proxy.kill();
    await vi.waitFor(() => expect(cache.metrics().bus?.subscribed).toBe(false));
    for (let i = 0; i < 10; i++)
      expect(await cache.getOrSet(`cold${i}`, async () => `loaded${i}`)).toBe(`loaded${i}`);
    expect(cache.metrics().breaker).toBe('open');
    // Nobody can publish invalidations while Redis is out: L1 keeps serving what it holds.
    expect(await cache.get('hot')).toBe('h');
    expect(await cache.get('cold9')).toBe('loaded9'); // loaded while the breaker was open
    expect(await cache.get('absent')).toBeNull();
    await expect(cache.set('other', 'o')).resolves.toBeUndefined();
    await expect(cache.delete('other')).resolves.toBeUndefined();
    expect(await cache.get('other')).toBeNull();
    const metrics = cache.metrics();
    expect(metrics.errors).toBeGreaterThanOrEqual(5);
    expect(metrics.dbHits).toBe(10);
    expect(metrics.lruHits).toBeGreaterThanOrEqual(2);
    expect(warnings.length).toBeGreaterThan(0);
    expect(JSON.stringify(warnings)).not.toContain('cold');
  });

  it('Redis out for longer than the breaker wait: L1 hits go on while the breaker probes half-open, and between probes', async () => {
    const cache = suite.caches.create<string>({
      keyPrefix: suite.prefix,
      redis: suite.proxy.url,
      timeoutMs: 50,
      breakerOpenMs: 100,
    });
    await cache.ready();
    await cache.set('hot', 'h');
    await suite.proxy.kill();
    await vi.waitFor(() => expect(cache.metrics().bus?.subscribed).toBe(false));
    for (let i = 0; i < 6; i++) await cache.getOrSet(`cold${i}`, async () => 'x');
    expect(cache.metrics().breaker).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(cache.metrics().breaker).toBe('half-open');
    const lruHits = cache.metrics().lruHits;
    expect(await cache.get('hot')).toBe('h');
    expect(cache.metrics().lruHits).toBe(lruHits + 1);
    // A failed probe (a miss goes to Redis) reopens the breaker; L1 still serves.
    expect(await cache.getOrSet('cold-late', async () => 'late')).toBe('late');
    expect(await cache.get('hot')).toBe('h');
  });

  it('Redis killed while 200 calls are in flight: every call resolves to its value, none throws', async () => {
    const { cache } = await viaProxy();
    for (let i = 0; i < 50; i++) await cache.set(`warm${i}`, `w${i}`);
    const calls = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? cache.getOrSet(`flight${i}`, async () => {
            await new Promise((resolve) => setTimeout(resolve, 5));
            return `v${i}`;
          })
        : cache.set(`flight${i}`, `v${i}`).then(() => `v${i}`),
    );
    await suite.proxy.kill();
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(results.map((r) => (r as PromiseFulfilledResult<string>).value)).toEqual(
      Array.from({ length: 200 }, (_, i) => `v${i}`),
    );
    expect(await cache.getOrSet('after', async () => 'loaded')).toBe('loaded');
  });

  it('holds at most maxSize entries in L1 with Redis as L2', async () => {
    const cache = suite.caches.create<string>({
      keyPrefix: suite.prefix,
      redis: suite.proxy.url,
      maxSize: 10,
    });
    await cache.ready();
    for (let i = 0; i < 50; i++) await cache.set(`k${i}`, `v${i}`);
    for (let i = 0; i < 50; i++) await cache.get(`k${i}`);
    expect(cache.metrics().l1Size).toBeLessThanOrEqual(10);
    expect(await cache.get('k0')).toBe('v0'); // evicted from L1, still in Redis
  });

  it('Redis killed then back: the cache writes to Redis again within 5 s, by itself', async () => {
    const { cache } = await viaProxy();
    await suite.proxy.kill();
    for (let i = 0; i < 6; i++) await cache.getOrSet(`k${i}`, async () => 'x');
    expect(cache.metrics().breaker).toBe('open');
    await suite.proxy.revive();
    await untilWritesReachRedis(cache);
    expect(cache.metrics().breaker).toBe('closed');
  });

  it('Redis stalled: a miss still returns the loader value, bounded by the timeout', async () => {
    const { cache } = await viaProxy();
    suite.proxy.stall();
    expect(await cache.getOrSet('cold', async () => 'loaded')).toBe('loaded');
    expect(cache.metrics()).toMatchObject({ dbHits: 1 });
    expect(cache.metrics().errors).toBeGreaterThanOrEqual(1);
    // Nothing was written while Redis was unreachable: the generation was unknown.
    suite.proxy.resume();
    expect(await suite.redis.hget(`${suite.prefix}cold`, 'v')).toBeNull();
  });

  it('Redis stalled then resumed: the cache recovers within 5 s', async () => {
    const { cache } = await viaProxy();
    suite.proxy.stall();
    for (let i = 0; i < 6; i++) await cache.getOrSet(`k${i}`, async () => 'x');
    expect(cache.metrics().breaker).toBe('open');
    suite.proxy.resume();
    await untilWritesReachRedis(cache);
  });

  it('keeps no offline queue: calls made while Redis is down are never replayed when it returns', async () => {
    const { cache } = await viaProxy();
    await suite.proxy.kill();
    await vi.waitFor(() => expect(cache.metrics().bus?.subscribed).toBe(false));
    const values = await Promise.all(
      Array.from({ length: 500 }, (_, i) => cache.getOrSet(`queued-${i}`, async () => `v${i}`)),
    );
    expect(values).toEqual(Array.from({ length: 500 }, (_, i) => `v${i}`));
    await cache.delete('queued-deleted');
    suite.proxy.record();
    await suite.proxy.revive();
    await untilWritesReachRedis(cache);
    // With an offline queue, the 500 reads and the delete would have been sent on reconnect.
    expect(suite.proxy.recorded()).toContain(`${suite.prefix}after`);
    expect(suite.proxy.recorded()).not.toContain('queued-');
  });

  it('does not queue calls without bound while Redis is away: the breaker sheds them', async () => {
    const { cache } = await viaProxy();
    suite.proxy.stall();
    await Promise.all(Array.from({ length: 200 }, (_, i) => cache.getOrSet(`k${i}`, async () => String(i))));
    await Promise.all(Array.from({ length: 200 }, (_, i) => cache.getOrSet(`m${i}`, async () => String(i))));
    // The first wave may all time out; the second one is shed by the open breaker.
    expect(cache.metrics().errors).toBeLessThanOrEqual(201);
    expect(cache.metrics().dbHits).toBe(400);
  });
});

describeWithService('redis', 'HybridCache stampede over real Redis', () => {
  const caches = cacheFactory();
  const redis = inspector();
  const prefix = uniquePrefix('stampede');
  afterAll(async () => {
    await caches.closeAll();
    await removeKeys(redis, prefix);
    redis.disconnect();
  });

  it('1,000 concurrent misses of one key call the loader once and all get its value', async () => {
    const cache = caches.create<{ id: number }>({ keyPrefix: prefix, redis: redisUrl });
    await cache.ready();
    let calls = 0;
    const loader = async (): Promise<{ id: number }> => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { id: 7 };
    };
    const results = await Promise.all(Array.from({ length: 1_000 }, () => cache.getOrSet('cold', loader)));
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([7]));
    expect(new Set(results).size).toBe(1_000);
    expect(JSON.parse((await redis.hget(`${prefix}cold`, 'v')) ?? 'null')).toEqual({ id: 7 });
  });
});
