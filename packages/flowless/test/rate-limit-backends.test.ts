/**
 * The sliding-window limiter and the per-account lock on each counter backend: process memory,
 * and the real Redis server when it is reachable. Time comes from a frozen clock, never sleeps.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrls } from '#test-support/service-urls.js';
import { describeWithService } from '#test-support/services.js';
import { createAccountLock } from '../src/rate-limit/account-lock.js';
import type { CounterBackend } from '../src/rate-limit/counter-store.js';
import { createSlidingWindowLimiter } from '../src/rate-limit/sliding-window-limiter.js';
import { frozenClock } from '../src/runtime/clock.js';

const N = 5;
const WINDOW = 60_000;
const BUCKET = WINDOW / 4;
// A multiple of the window, so that fixed windows would start exactly here.
const BOUNDARY = Math.floor(Date.UTC(2031, 0, 1) / WINDOW) * WINDOW;

/** A small deterministic PRNG (mulberry32), so a failing schedule can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function limiterCases(backendName: string, backend: () => CounterBackend): void {
  let run = 0;
  const setup = (start = BOUNDARY + 1_000) => {
    const clock = frozenClock(start);
    const prefix = `flowless_rl_test_${process.pid}_${Date.now()}_${run++}`;
    const limiter = createSlidingWindowLimiter({
      backend: backend(),
      keyPrefix: prefix,
      points: N,
      windowMs: WINDOW,
      now: () => clock.now(),
    });
    return { clock, limiter };
  };
  const hits = async (limiter: ReturnType<typeof setup>['limiter'], key: string, times: number) => {
    const decisions = [];
    for (let i = 0; i < times; i++) decisions.push(await limiter.hit(key));
    return decisions;
  };

  describe(`the sliding-window limiter on ${backendName}`, () => {
    it('allows N requests in a window and refuses request N+1 with a retry delay of at most one window and a bucket', async () => {
      const { limiter } = setup();
      const decisions = await hits(limiter, 'ip:192.0.2.1', N + 1);
      expect(decisions.slice(0, N).every((d) => d.allowed)).toBe(true);
      const refused = decisions[N];
      expect(refused?.allowed).toBe(false);
      expect(refused?.retryAfterMs).toBeGreaterThan(0);
      expect(refused?.retryAfterMs).toBeLessThanOrEqual(WINDOW + BUCKET);
    });

    it('counts each key on its own', async () => {
      const { limiter } = setup();
      await hits(limiter, 'ip:192.0.2.1', N + 1);
      expect((await limiter.hit('ip:192.0.2.2')).allowed).toBe(true);
    });

    it('lets no more than N through for a burst straddling a window boundary, where a fixed window would let 2N', async () => {
      const { clock, limiter } = setup(BOUNDARY + 10 * WINDOW - 1);
      const before = await hits(limiter, 'ip:192.0.2.1', N);
      clock.advance(2);
      const after = await hits(limiter, 'ip:192.0.2.1', N);
      expect(before.filter((d) => d.allowed)).toHaveLength(N);
      expect(after.filter((d) => d.allowed)).toHaveLength(0);
    });

    it('never lets more than N through in any span of one window over a random schedule of bursts and pauses', async () => {
      const { clock, limiter } = setup();
      const random = seeded(20310101);
      const allowedAt: number[] = [];
      for (let i = 0; i < 120; i++) {
        // Mostly bursts (0-2 s apart), sometimes a pause of up to 40 s.
        clock.advance(random() < 0.8 ? Math.floor(random() * 2_000) : Math.floor(random() * 40_000));
        if ((await limiter.hit('ip:192.0.2.1')).allowed) allowedAt.push(clock.now());
      }
      const worst = Math.max(
        ...allowedAt.map((t) => allowedAt.filter((u) => u > t - WINDOW && u <= t).length),
      );
      expect(worst).toBeLessThanOrEqual(N);
      expect(allowedAt.length).toBeGreaterThan(N);
    });

    it('refuses until the announced retry delay has passed, then allows again, and a quiet window restores the full N', async () => {
      const { clock, limiter } = setup();
      const [, refused] = [await hits(limiter, 'ip:192.0.2.1', N), await limiter.hit('ip:192.0.2.1')];
      expect(refused.allowed).toBe(false);
      clock.advance(refused.retryAfterMs - 1);
      expect((await limiter.hit('ip:192.0.2.1')).allowed).toBe(false);
      clock.advance(1);
      expect((await limiter.hit('ip:192.0.2.1')).allowed).toBe(true);
      clock.advance(WINDOW + BUCKET);
      const fresh = await hits(limiter, 'ip:192.0.2.1', N + 1);
      expect(fresh.map((d) => d.allowed)).toEqual([...Array<boolean>(N).fill(true), false]);
    });

    it('reset forgets every request counted for the key', async () => {
      const { clock, limiter } = setup();
      await hits(limiter, 'ip:192.0.2.1', N);
      clock.advance(BUCKET);
      await hits(limiter, 'ip:192.0.2.1', 1);
      await limiter.reset('ip:192.0.2.1');
      const again = await hits(limiter, 'ip:192.0.2.1', N + 1);
      expect(again.map((d) => d.allowed)).toEqual([...Array<boolean>(N).fill(true), false]);
      expect(again.at(-1)?.count).toBe(N + 1);
    });
  });

  describe(`the per-account lock on ${backendName}`, () => {
    const MAX = 3;
    const LOCK = 120_000;
    const setupLock = () => {
      const clock = frozenClock(BOUNDARY + 1_000);
      const lock = createAccountLock({
        backend: backend(),
        keyPrefix: `flowless_lock_test_${process.pid}_${Date.now()}_${run++}`,
        maxFailures: MAX,
        windowMs: WINDOW,
        lockMs: LOCK,
        now: () => clock.now(),
      });
      return { clock, lock };
    };

    it('locks on the maxFailures-th failure and unlocks by itself after lockMs of the injected clock', async () => {
      const { clock, lock } = setupLock();
      for (let i = 0; i < MAX - 1; i++) await lock.fail('user:a');
      expect(await lock.lockedFor('user:a')).toBe(0);
      await lock.fail('user:a');
      expect(await lock.lockedFor('user:a')).toBe(LOCK);
      expect(await lock.lockedFor('user:b')).toBe(0);
      clock.advance(LOCK - 1);
      expect(await lock.lockedFor('user:a')).toBe(1);
      clock.advance(1);
      expect(await lock.lockedFor('user:a')).toBe(0);
    });

    it('starts counting afresh once a lock has ended', async () => {
      const { clock, lock } = setupLock();
      for (let i = 0; i < MAX; i++) await lock.fail('user:a');
      clock.advance(LOCK);
      await lock.fail('user:a');
      expect(await lock.lockedFor('user:a')).toBe(0);
    });

    it('forgets failures older than the window', async () => {
      const { clock, lock } = setupLock();
      for (let i = 0; i < MAX - 1; i++) await lock.fail('user:a');
      clock.advance(WINDOW + BUCKET);
      await lock.fail('user:a');
      expect(await lock.lockedFor('user:a')).toBe(0);
    });

    it('reset clears both the failures and a lock', async () => {
      const { lock } = setupLock();
      for (let i = 0; i < MAX; i++) await lock.fail('user:a');
      await lock.reset('user:a');
      expect(await lock.lockedFor('user:a')).toBe(0);
      for (let i = 0; i < MAX - 1; i++) await lock.fail('user:a');
      expect(await lock.lockedFor('user:a')).toBe(0);
    });
  });
}

limiterCases('process memory', () => 'memory');

describeWithService('redis', 'rate limits on the real Redis server', () => {
  const redis = new Redis(serviceUrls.redis, { maxRetriesPerRequest: 1 });
  // The limiters refuse at once while Redis is not ready (fail closed), so wait for the connection.
  beforeAll(async () => {
    await redis.ping();
  });
  afterAll(() => {
    redis.disconnect();
  });
  limiterCases('Redis', () => redis);
});
