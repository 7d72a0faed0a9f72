import { expect, it } from 'vitest';
import { describeWithService } from '#test-support/services.js';
import { redisUrl, useCacheSuite } from './support.js';

interface Session {
  userId: string;
  status: string;
  roles: string[];
}

const session: Session = { userId: 'u1', status: 'pending', roles: ['admin'] };

describeWithService('redis', 'HybridCache tiers over real Redis', () => {
  const suite = useCacheSuite('tiers');

  it('serves a value set on the same instance from L1 without touching Redis', async () => {
    const cache = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl });
    await cache.ready();
    await cache.set('s1', session);
    expect(await cache.get('s1')).toEqual(session);
    expect(cache.metrics()).toMatchObject({ totalRequests: 1, lruHits: 1, redisHits: 0, cacheHits: 1 });
  });

  it('writes keyPrefix + key to Redis with a TTL no longer than ttl plus jitter', async () => {
    const cache = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl, ttl: 100 });
    await cache.set('s1', session);
    const ttlMs = await suite.redis.pttl(`${suite.prefix}s1`);
    expect(ttlMs).toBeGreaterThan(89_000);
    expect(ttlMs).toBeLessThanOrEqual(110_000);
    expect(JSON.parse((await suite.redis.hget(`${suite.prefix}s1`, 'v')) ?? 'null')).toEqual(session);
  });

  it('backfills L1 from Redis on another instance, then serves from L1', async () => {
    const a = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl });
    const b = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl });
    await Promise.all([a.ready(), b.ready()]);
    await a.set('s1', session);
    expect(await b.get('s1')).toEqual(session);
    expect(await b.get('s1')).toEqual(session);
    expect(b.metrics()).toMatchObject({ redisHits: 1, lruHits: 1, cacheMisses: 0 });
  });

  it('returns null for a key nobody set, counting a miss', async () => {
    const cache = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl });
    expect(await cache.get('absent')).toBeNull();
    expect(cache.metrics()).toMatchObject({ totalRequests: 1, cacheMisses: 1, cacheHits: 0, hitRate: 0 });
  });

  it('getOrSet calls the loader on a miss, stores the result in both tiers, and not again on a hit', async () => {
    const a = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl });
    const b = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl });
    await Promise.all([a.ready(), b.ready()]);
    let calls = 0;
    const loader = async (): Promise<Session> => {
      calls++;
      return session;
    };
    expect(await a.getOrSet('s1', loader)).toEqual(session);
    expect(await a.getOrSet('s1', loader)).toEqual(session);
    expect(await b.getOrSet('s1', loader)).toEqual(session);
    expect(calls).toBe(1);
    expect(a.metrics()).toMatchObject({ dbHits: 1, lruHits: 1, cacheMisses: 1 });
    expect(b.metrics()).toMatchObject({ dbHits: 0, redisHits: 1 });
  });

  it('hands out copies: mutating a returned value does not change the cached one', async () => {
    const cache = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl });
    await cache.set('s1', session);
    const first = await cache.get('s1');
    if (first === null) throw new Error('expected a hit');
    first.status = 'used';
    first.roles.push('root');
    expect(await cache.get('s1')).toEqual(session);
  });

  it('supports the documented flow: read, mutate, set back', async () => {
    const cache = suite.caches.create<{ status: string }>({ keyPrefix: suite.prefix, redis: redisUrl });
    await cache.set('member', { status: 'pending' });
    const cached = await cache.get('member');
    if (cached) {
      cached.status = 'used';
      await cache.set('member', cached);
    }
    expect(await cache.get('member')).toEqual({ status: 'used' });
  });

  it('delete removes the key from both tiers', async () => {
    const cache = suite.caches.create<Session>({ keyPrefix: suite.prefix, redis: redisUrl });
    await cache.set('s1', session);
    await cache.delete('s1');
    expect(await cache.get('s1')).toBeNull();
    expect(await suite.redis.hget(`${suite.prefix}s1`, 'v')).toBeNull();
  });
});
