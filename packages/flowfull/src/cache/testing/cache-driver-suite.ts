/**
 * @module The conformance suites of the cache ports, run against every adapter. Import them in a
 * Vitest file: `runL1DriverSuite({ name: 'memory', createDriver })`,
 * `runL2DriverSuite({ name: 'redis', createDriver })`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { L1Driver, L2Driver } from '../drivers/driver.js';

/** Options of {@link runL1DriverSuite}. */
export interface L1DriverSuiteOptions {
  /** Shown in the suite's name. */
  name: string;
  /** Returns an empty driver bounded to `maxSize` entries, measuring expiry on the clock `now`. */
  createDriver: (maxSize: number, now: () => number) => L1Driver<unknown>;
}

/** Options of {@link runL2DriverSuite}. */
export interface L2DriverSuiteOptions {
  /** Shown in the suite's name. */
  name: string;
  /** Returns a driver; drivers from separate calls share one backend. Closed after the suite. */
  createDriver: () => L2Driver | Promise<L2Driver>;
}

const HOUR = 3_600_000;

/**
 * Declares the L1 suite: get/set/delete, expiry on the driver's clock, generations, prefix
 * deletion, clear and the size bound.
 *
 * @example
 * ```ts
 * runL1DriverSuite({ name: 'memory', createDriver: (maxSize, now) => new MemoryDriver({ maxSize, now }) });
 * ```
 */
export function runL1DriverSuite(options: L1DriverSuiteOptions): void {
  describe(`L1Driver conformance: ${options.name}`, () => {
    let time = 1_000_000;
    const now = (): number => time;
    const create = (maxSize: number): L1Driver<unknown> => options.createDriver(maxSize, now);

    it('returns what was set and undefined for unknown keys', () => {
      const driver = create(10);
      driver.set('a', 1, HOUR);
      expect(driver.get('a')).toBe(1);
      expect(driver.get('b')).toBeUndefined();
    });

    it('keeps an entry until its ttl has elapsed on its clock, and not a millisecond longer', () => {
      const driver = create(10);
      driver.set('a', 'v', 1_000);
      time += 999;
      expect(driver.get('a')).toBe('v');
      time += 1;
      expect(driver.get('a')).toBeUndefined();
      expect(driver.generation('a')).toBeUndefined();
    });

    it('a ttl that is not positive stores nothing and removes what the key held', () => {
      const driver = create(10);
      driver.set('a', 'old', HOUR);
      driver.set('a', 'new', 0);
      expect(driver.get('a')).toBeUndefined();
      driver.set('b', 'v', -5);
      driver.set('c', 'v', Number.NaN);
      expect(driver.get('b')).toBeUndefined();
      expect(driver.get('c')).toBeUndefined();
    });

    it('reports the generation set with the value, and forgets it on a set without one', () => {
      const driver = create(10);
      driver.set('a', 1, HOUR, 7);
      expect(driver.generation('a')).toBe(7);
      driver.set('a', 2, HOUR);
      expect(driver.generation('a')).toBeUndefined();
      expect(driver.get('a')).toBe(2);
      driver.set('a', 3, HOUR, 9);
      driver.delete('a');
      expect(driver.generation('a')).toBeUndefined();
      expect(driver.generation('never-set')).toBeUndefined();
    });

    it('delete reports whether the key was present', () => {
      const driver = create(10);
      driver.set('a', 1, HOUR);
      expect(driver.delete('a')).toBe(true);
      expect(driver.delete('a')).toBe(false);
      expect(driver.get('a')).toBeUndefined();
    });

    it('deleteByPrefix removes matching keys only and counts them; clear removes all', () => {
      const driver = create(10);
      for (const key of ['u:1', 'u:2', 'p:1']) driver.set(key, key, HOUR, 1);
      expect(driver.deleteByPrefix('u:')).toBe(2);
      expect(driver.get('u:1')).toBeUndefined();
      expect(driver.get('p:1')).toBe('p:1');
      driver.clear();
      expect(driver.size).toBe(0);
      expect(driver.generation('p:1')).toBeUndefined();
    });

    it('deleteByPrefix drops expired entries without counting them', () => {
      const driver = create(10);
      driver.set('u:1', 1, 10);
      driver.set('u:2', 2, HOUR);
      time += 10;
      expect(driver.deleteByPrefix('u:')).toBe(1);
      expect(driver.size).toBe(0);
    });

    it('never holds more than its bound, evicting the least recently used', () => {
      const driver = create(3);
      for (const key of ['a', 'b', 'c']) driver.set(key, key, HOUR);
      driver.get('a');
      driver.set('d', 'd', HOUR);
      expect(driver.size).toBe(3);
      expect(driver.get('b')).toBeUndefined();
      expect(driver.get('a')).toBe('a');
    });
  });
}

/**
 * Declares the L2 suite: read/write with TTL, generations and conditional writes, tombstoning
 * deletes and SCAN-based prefix deletion.
 *
 * @example
 * ```ts
 * runL2DriverSuite({ name: 'redis', createDriver: () => new RedisDriver({ client, timeoutMs: 1000 }) });
 * ```
 */
export function runL2DriverSuite(options: L2DriverSuiteOptions): void {
  describe(`L2Driver conformance: ${options.name}`, () => {
    const drivers: L2Driver[] = [];
    const driver = async (): Promise<L2Driver> => {
      const created = await options.createDriver();
      drivers.push(created);
      return created;
    };
    const prefix = `suite:l2:${randomUUID()}:`;
    afterAll(async () => {
      const cleaner = drivers[0];
      if (cleaner) await cleaner.deleteByPrefix(prefix, 1);
      await Promise.all(drivers.map((d) => d.close()));
    });

    it('reads null with generation 0 for a key never written', async () => {
      expect(await (await driver()).read(`${prefix}none`)).toMatchObject({ json: null, generation: 0 });
    });

    it('reads back a write with its remaining TTL and a bumped generation', async () => {
      const l2 = await driver();
      const generation = await l2.write(`${prefix}a`, '{"x":1}', 60_000);
      const read = await l2.read(`${prefix}a`);
      expect(read.json).toBe('{"x":1}');
      expect(read.generation).toBe(generation);
      expect(read.ttlMs).toBeGreaterThan(50_000);
      expect(read.ttlMs).toBeLessThanOrEqual(60_000);
    });

    it('writes conditionally only while the generation is unchanged', async () => {
      const [a, b] = [await driver(), await driver()];
      const { generation } = await a.read(`${prefix}c`);
      await b.write(`${prefix}c`, '"other"', 60_000);
      expect(await a.write(`${prefix}c`, '"stale"', 60_000, generation)).toBeNull();
      const now = await a.read(`${prefix}c`);
      expect(now.json).toBe('"other"');
      expect(await a.write(`${prefix}c`, '"fresh"', 60_000, now.generation)).toBe(now.generation + 1);
    });

    it('delete leaves a tombstone that defeats a write conditioned on the older generation', async () => {
      const [a, b] = [await driver(), await driver()];
      const before = await a.read(`${prefix}d`);
      await b.delete([`${prefix}d`], 60_000);
      expect(await a.write(`${prefix}d`, '"resurrected"', 60_000, before.generation)).toBeNull();
      expect((await a.read(`${prefix}d`)).json).toBeNull();
    });

    it('deleteByPrefix deletes matching keys only, and counts those that held a value', async () => {
      const l2 = await driver();
      await l2.write(`${prefix}p:1`, '1', 60_000);
      await l2.write(`${prefix}p:2`, '2', 60_000);
      await l2.write(`${prefix}q:1`, '3', 60_000);
      expect(await l2.deleteByPrefix(`${prefix}p:`, 60_000)).toBe(2);
      expect((await l2.read(`${prefix}q:1`)).json).toBe('3');
      expect((await l2.read(`${prefix}p:1`)).json).toBeNull();
    });

    it('treats glob characters in a prefix literally', async () => {
      const l2 = await driver();
      await l2.write(`${prefix}star*:1`, '1', 60_000);
      await l2.write(`${prefix}starX:1`, '2', 60_000);
      expect(await l2.deleteByPrefix(`${prefix}star*`, 60_000)).toBe(1);
      expect((await l2.read(`${prefix}starX:1`)).json).toBe('2');
    });
  });
}
