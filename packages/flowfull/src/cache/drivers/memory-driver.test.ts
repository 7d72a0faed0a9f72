import { describe, expect, it } from 'vitest';
import { runL1DriverSuite } from '../testing/cache-driver-suite.js';
import { MemoryDriver } from './memory-driver.js';

runL1DriverSuite({
  name: 'MemoryDriver',
  createDriver: (maxSize, now) => new MemoryDriver({ maxSize, now }),
});

describe('MemoryDriver', () => {
  it('rejects a maxSize, clock or recentGenerations that cannot work, naming the option', () => {
    expect(() => new MemoryDriver({ maxSize: 0 })).toThrow(/"maxSize"/);
    expect(() => new MemoryDriver({ maxSize: 1.5 })).toThrow(TypeError);
    expect(() => new MemoryDriver({ now: 5 as unknown as () => number })).toThrow(/"now"/);
    expect(() => new MemoryDriver({ recentGenerations: -1 })).toThrow(/"recentGenerations"/);
    expect(new MemoryDriver({ maxSize: 1, recentGenerations: 1 }).size).toBe(0);
  });

  it('expires entries set while the clock reads near 0 (a start of 0 means "no ttl" to lru-cache)', () => {
    for (const start of [0, 0.5]) {
      let time = start;
      const driver = new MemoryDriver<string>({ now: () => time });
      driver.set('a', 'v', 5);
      time = start + 4;
      expect(driver.get('a')).toBe('v');
      time = start + 5;
      expect(driver.get('a')).toBeUndefined();
    }
  });

  it('remembers only the most recent generations, and forgets them rather than misreport them', () => {
    const driver = new MemoryDriver<number>({ maxSize: 10, recentGenerations: 2 });
    driver.set('a', 1, 60_000, 1);
    driver.set('b', 2, 60_000, 2);
    driver.set('c', 3, 60_000, 3);
    expect(driver.get('a')).toBe(1);
    expect(driver.generation('a')).toBeUndefined();
    expect(driver.generation('b')).toBe(2);
    expect(driver.generation('c')).toBe(3);
  });
});
