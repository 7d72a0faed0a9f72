import { expect, it, vi } from 'vitest';
import { describeWithService } from '#test-support/services.js';
import { useCacheSuite } from './support.js';

describeWithService('redis', 'HybridCache after losing its invalidation subscription', () => {
  const suite = useCacheSuite('lost-subscription', { proxy: true });

  /**
   * A talks to Redis directly; B goes through the proxy, so only B's connections suffer. A dropped
   * connection is seen at once; a stall only by the heartbeat, whose bound `timeoutMs` sets.
   */
  const pair = async (timeoutMs = 1_000) => {
    const { a, b } = await suite.proxiedPair({ heartbeatMs: 100, timeoutMs });
    await a.set('k', 'v1');
    expect(await b.get('k')).toBe('v1'); // from Redis, now in B's L1
    expect(await b.get('k')).toBe('v1');
    expect(b.metrics()).toMatchObject({ lruHits: 1, l1Size: 1 });
    return { a, b };
  };

  it('with only its subscriber connection down, B never serves a value changed on A from L1', async () => {
    const { a, b } = await pair();
    suite.proxy.dropSubscribers();
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(false), { timeout: 5_000 });
    await a.set('k', 'v2'); // B cannot hear about it; its L1 still holds v1, never served
    for (let i = 0; i < 3; i++) expect(await b.get('k')).toBe('v2');
    await a.delete('k');
    expect(await b.get('k')).toBeNull();
    expect(b.metrics()).toMatchObject({ lruHits: 1, breaker: 'closed' });
  });

  it('while unsubscribed, L2 and the loader still serve, and L1 takes nothing in', async () => {
    const { b } = await pair();
    suite.proxy.dropSubscribers();
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(false), { timeout: 5_000 });
    let calls = 0;
    const loader = async (): Promise<string> => `loaded${++calls}`;
    expect(await b.getOrSet('other', loader)).toBe('loaded1');
    expect(await b.getOrSet('other', loader)).toBe('loaded1'); // from Redis
    await b.set('mine', 'm');
    expect(await b.get('mine')).toBe('m');
    expect(await suite.redis.hget(`${suite.prefix}other`, 'v')).toBe('"loaded1"');
    // Only the entry B held before the loss (not served, dropped at resubscription); nothing new.
    expect(b.metrics()).toMatchObject({ dbHits: 1, lruHits: 1, l1Size: 1 });
  });

  it('uses L1 again once the subscription is back, after flushing it', async () => {
    const { a, b } = await pair();
    suite.proxy.dropSubscribers();
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(false), { timeout: 5_000 });
    await a.set('k', 'v2');
    suite.proxy.allowSubscribers();
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(true), { timeout: 5_000 });
    expect(await b.get('k')).toBe('v2');
    expect(await b.get('k')).toBe('v2');
    expect(b.metrics()).toMatchObject({ lruHits: 2, l1Size: 1 });
    await a.set('k', 'v3');
    await vi.waitFor(async () => expect(await b.get('k')).toBe('v3'));
  });

  it('a stalled subscriber is detected by the heartbeat, and from then on L1 is not served', async () => {
    const { a, b } = await pair(100);
    suite.proxy.stall('both', 'subscribers');
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(false), { timeout: 5_000 });
    await a.set('k', 'v2'); // published while B's subscriber hears nothing
    for (let i = 0; i < 3; i++) expect(await b.get('k')).toBe('v2');
    expect(b.metrics().bus?.losses).toBeGreaterThanOrEqual(1);
    suite.proxy.resume();
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(true), { timeout: 5_000 });
    expect(await b.get('k')).toBe('v2');
  });

  it('with all its connections dropped, B serves neither L1 nor Redis but its loader', async () => {
    const { a, b } = await pair();
    await suite.proxy.kill();
    await vi.waitFor(() => expect(b.metrics().bus?.subscribed).toBe(false), { timeout: 5_000 });
    await a.delete('k');
    expect(await b.get('k')).toBeNull();
    expect(await b.getOrSet('k', async () => 'from the database')).toBe('from the database');
  });
});
