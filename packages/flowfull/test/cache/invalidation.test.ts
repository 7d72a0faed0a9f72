import type { HybridCache } from 'flowfull/cache';
import { Redis } from 'ioredis';
import { expect, it, vi } from 'vitest';
import { describeWithService } from '#test-support/services.js';
import { redisUrl, uniquePrefix, useCacheSuite } from './support.js';

describeWithService('redis', 'HybridCache invalidation across instances', () => {
  const suite = useCacheSuite('invalidation');

  const pair = async (): Promise<
    [ReturnType<typeof suite.caches.create<string>>, ReturnType<typeof suite.caches.create<string>>]
  > => {
    const a = suite.caches.create<string>({ keyPrefix: suite.prefix, redis: redisUrl });
    const b = suite.caches.create<string>({ keyPrefix: suite.prefix, redis: redisUrl });
    await Promise.all([a.ready(), b.ready()]);
    return [a, b];
  };

  it('a delete on instance A makes instance B miss, although B held the key in L1', async () => {
    const [a, b] = await pair();
    await a.set('k', 'v1');
    expect(await b.get('k')).toBe('v1');
    expect(b.metrics().l1Size).toBe(1);
    await a.delete('k');
    await vi.waitFor(() => expect(b.metrics().bus?.received).toBeGreaterThanOrEqual(2));
    expect(await b.get('k')).toBeNull();
    expect(b.metrics().l1Size).toBe(0);
  });

  it('a set on instance A replaces the copy instance B held in L1', async () => {
    const [a, b] = await pair();
    await a.set('k', 'v1');
    expect(await b.get('k')).toBe('v1');
    await a.set('k', 'v2');
    await vi.waitFor(() => expect(b.metrics().bus?.received).toBeGreaterThanOrEqual(2));
    expect(await b.get('k')).toBe('v2');
  });

  it('ignores malformed messages on its channel and keeps serving', async () => {
    const [a, b] = await pair();
    await a.set('k', 'v1');
    expect(await b.get('k')).toBe('v1');
    const received = b.metrics().bus?.received ?? 0;
    const channel = `flowfull:cache:${suite.prefix}`;
    for (const junk of ['not json', '{"i":1}', '{"k":["k"]}', '[]', '{"i":"x","k":"k"}']) {
      await suite.redis.publish(channel, junk);
    }
    await suite.redis.publish(channel, JSON.stringify({ i: 'someone-else', k: ['k'] }));
    await vi.waitFor(() => expect(b.metrics().bus?.received).toBe(received + 1));
    expect(b.metrics().l1Size).toBe(0);
    expect(await b.get('k')).toBe('v1');
  });

  it('ignores its own messages', async () => {
    const [a] = await pair();
    await a.set('k', 'v1');
    await a.delete('k');
    expect(a.metrics().bus).toMatchObject({ published: 2, received: 0 });
  });

  /** Starts a load of `k` on `cache` whose loader has begun and waits until released. */
  const heldLoad = async (cache: HybridCache<string>) => {
    let release: (value: string) => void = () => undefined;
    let loaderStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (loaderStarted = resolve));
    const loading = cache.getOrSet('k', () => {
      loaderStarted();
      return new Promise<string>((resolve) => (release = resolve));
    });
    await started;
    return { loading, release: (value: string) => release(value) };
  };

  it('a load in flight on B when A deletes the key does not write its result back anywhere', async () => {
    const [a, b] = await pair();
    const load = await heldLoad(b);
    await a.delete('k');
    load.release('stale');
    expect(await load.loading).toBe('stale');
    expect(await suite.redis.hget(`${suite.prefix}k`, 'v')).toBeNull();
    expect(await a.get('k')).toBeNull();
    expect(await b.get('k')).toBeNull();
  });

  it('a load in flight on B is not written back even when the bus message has not reached B', async () => {
    const { a, b } = await suite.proxiedPair({ heartbeatMs: 60_000 });
    const load = await heldLoad(b);
    await a.delete('k');
    load.release('stale');
    await load.loading;
    expect(await suite.redis.hget(`${suite.prefix}k`, 'v')).toBeNull();
    expect(await a.get('k')).toBeNull();
  });

  it("an L2 read on B in flight during A's delete does not leave the deleted value in B's L1", async () => {
    const { a, b, proxy } = await suite.proxiedPair({ timeoutMs: 5_000, heartbeatMs: 60_000 });
    await a.set('k', 'v1');
    const received = b.metrics().bus?.received ?? 0;
    proxy.stall('downstream');
    const reading = b.get('k');
    await vi.waitFor(async () => expect(await suite.redis.hget(`${suite.prefix}k`, 'v')).toBe('"v1"'));
    await a.delete('k');
    proxy.resume();
    expect(await reading).toBe('v1');
    await vi.waitFor(() => expect(b.metrics().bus?.received).toBeGreaterThan(received));
    expect(await b.get('k')).toBeNull();
  });

  it('after losing its subscription, B does not serve L1 entries it may have missed invalidations for', async () => {
    const { a, b, proxy } = await suite.proxiedPair();
    await a.set('k', 'v1');
    expect(await b.get('k')).toBe('v1');
    await proxy.kill();
    await a.delete('k');
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(false));
    expect(await b.get('k')).toBeNull(); // Redis unreachable, and L1 no longer trusted
    await proxy.revive();
    await vi.waitFor(() => expect(b.metrics().bus).toMatchObject({ subscribed: true, resyncs: 2 }), {
      timeout: 5_000,
    });
    expect(await b.get('k')).toBeNull();
  });

  it('a stalled subscription is detected by the heartbeat and L1 is flushed once it is back', async () => {
    const { a, b, proxy } = await suite.proxiedPair({ heartbeatMs: 100, timeoutMs: 100 });
    await a.set('k', 'v1');
    expect(await b.get('k')).toBe('v1');
    proxy.stall();
    await a.delete('k'); // B cannot hear about it
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(false), { timeout: 5_000 });
    proxy.resume();
    await vi.waitFor(() => expect(b.metrics().bus).toMatchObject({ subscribed: true, resyncs: 2 }), {
      timeout: 5_000,
    });
    expect(await b.get('k')).toBeNull();
  });

  it('works with a caller-owned lazyConnect ioredis client, and leaves it open on close()', async () => {
    const client = new Redis(redisUrl, { lazyConnect: true });
    const cache = suite.caches.create<string>({ keyPrefix: suite.prefix, redis: client });
    await cache.set('k', 'v');
    expect(await suite.redis.hget(`${suite.prefix}k`, 'v')).toBe('"v"');
    await cache.close();
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  });

  it('deleteByPrefix and clear stay inside the keyPrefix and reach other instances', async () => {
    const [a, b] = await pair();
    const otherPrefix = uniquePrefix('invalidation-other');
    const other = suite.caches.create<string>({ keyPrefix: otherPrefix, redis: redisUrl });
    await a.set('user:1', 'u1');
    await a.set('user:2', 'u2');
    await a.set('perm:1', 'p1');
    await other.set('user:1', 'foreign');
    expect(await b.get('user:1')).toBe('u1');
    expect(await a.deleteByPrefix('user:')).toBe(2);
    await vi.waitFor(() => expect(b.metrics().bus?.received).toBeGreaterThanOrEqual(4));
    expect(await b.get('user:1')).toBeNull();
    expect(await b.get('perm:1')).toBe('p1');
    expect(await other.get('user:1')).toBe('foreign');
    expect(await a.clear()).toBe(1);
    expect(await other.get('user:1')).toBe('foreign');
    await other.clear();
  });

  it('an L1 copy backfilled from Redis expires no later than the Redis entry', async () => {
    const a = suite.caches.create<string>({ keyPrefix: suite.prefix, redis: redisUrl, ttl: 300 });
    let now = Date.now();
    const b = suite.caches.create<string>({
      keyPrefix: suite.prefix,
      redis: redisUrl,
      ttl: 300,
      now: () => now,
    });
    await Promise.all([a.ready(), b.ready()]);
    await a.set('k', 'v', 2); // 2 s in Redis, although b's own ttl is 300 s
    expect(await b.get('k')).toBe('v');
    now += 2_500;
    await suite.redis.hdel(`${suite.prefix}k`, 'v'); // what Redis would have done by then
    expect(await b.get('k')).toBeNull();
  });
});
