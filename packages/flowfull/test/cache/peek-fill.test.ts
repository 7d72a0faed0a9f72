/**
 * HybridCache.peek (the synchronous L1 answer), fill (a value other instances may hold too,
 * written without evicting their copies) and clearLocal (this instance's L1 only), on real Redis,
 * with two caches on separate connections as two instances.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { describeWithService } from '#test-support/services.js';
import { cacheFactory, inspector, redisUrl, uniquePrefix } from './support.js';

describeWithService('redis', 'HybridCache.peek, fill and clearLocal', () => {
  const caches = cacheFactory();
  afterEach(() => caches.closeAll());

  const pair = async () => {
    const keyPrefix = uniquePrefix('peek');
    const a = caches.create<{ n: number }>({ keyPrefix, redis: redisUrl, ttl: 60 });
    const b = caches.create<{ n: number }>({ keyPrefix, redis: redisUrl, ttl: 60 });
    await Promise.all([a.ready(), b.ready()]);
    return { a, b, keyPrefix };
  };

  it('peek answers synchronously from L1 only: undefined for a key held in L2 alone', async () => {
    const { a, b } = await pair();
    await a.set('k', { n: 1 });
    const peeked = a.peek('k');
    expect(peeked).toEqual({ n: 1 });
    expect(peeked).not.toBeInstanceOf(Promise);
    expect(a.peek('k')).toBe(peeked);
    expect(b.peek('k')).toBeUndefined();
    expect(await b.get('k')).toEqual({ n: 1 });
    expect(b.peek('k')).toEqual({ n: 1 });
  });

  it('fill puts the value in L1 before its promise settles, and in L2', async () => {
    const { a, b } = await pair();
    const writing = a.fill('f', { n: 2 });
    expect(a.peek('f')).toEqual({ n: 2 });
    await writing;
    expect(await b.get('f')).toEqual({ n: 2 });
  });

  it("fill does not evict other instances' copies; set does", async () => {
    const { a, b } = await pair();
    await a.fill('shared', { n: 3 });
    expect(await b.get('shared')).toEqual({ n: 3 });
    expect(b.peek('shared')).toEqual({ n: 3 });
    const received = () => b.metrics().bus?.received ?? 0;
    const before = received();
    const published = a.metrics().bus?.published;
    await a.fill('shared', { n: 3 });
    expect(a.metrics().bus?.published).toBe(published);
    // A later set is a change: it must reach B (and proves the bus is listening).
    await a.set('other', { n: 4 });
    await vi.waitFor(() => expect(received()).toBeGreaterThan(before));
    expect(b.peek('shared')).toEqual({ n: 3 });
    await b.get('other');
    await a.set('shared', { n: 5 });
    await vi.waitFor(() => expect(b.peek('shared')).toBeUndefined());
    expect(await b.get('shared')).toEqual({ n: 5 });
  });

  it('a delete on another instance still removes a filled copy', async () => {
    const { a, b } = await pair();
    await a.fill('gone', { n: 6 });
    await b.get('gone');
    await a.delete('gone');
    await vi.waitFor(() => expect(b.peek('gone')).toBeUndefined());
    expect(await b.get('gone')).toBeNull();
  });

  it('clearLocal empties this L1 only: L2 and the other instance keep the value', async () => {
    const { a, b, keyPrefix } = await pair();
    await a.set('c', { n: 7 });
    await b.get('c');
    a.clearLocal();
    expect(a.peek('c')).toBeUndefined();
    expect(b.peek('c')).toEqual({ n: 7 });
    const redis = inspector();
    try {
      expect(await redis.exists(`${keyPrefix}c`)).toBe(1);
    } finally {
      redis.disconnect();
    }
    expect(await a.get('c')).toEqual({ n: 7 });
  });
});
