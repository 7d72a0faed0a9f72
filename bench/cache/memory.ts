/**
 * @module The memory figure: 100,000 session-sized entries in L1, HybridCache beside raw lru-cache.
 * Run it first, on a heap no other section has used yet.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HybridCache } from 'flowfull/cache';
import { LRUCache } from 'lru-cache';
import { round, sessionValue } from './stats.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Heap and ArrayBuffer bytes in use after full collections. Several rounds with a turn of the event
 * loop between them, so that finalizers run and sweeping completes before the reading.
 */
async function memoryInUse(): Promise<{ heap: number; arrayBuffers: number }> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  gc();
  const { heapUsed: heap, arrayBuffers } = process.memoryUsage();
  return { heap, arrayBuffers };
}
const mbSince = (before: number, after: number): number => round((after - before) / 1024 / 1024, 1);

/** The memory figures, in MB. */
export interface MemoryFigures {
  memoryMB: number;
  rawMemoryMB: number;
  arrayBuffersMB: number;
  rawArrayBuffersMB: number;
}

/**
 * Memory for 100,000 session-sized entries in L1. The figure is V8 heap; ArrayBuffer memory
 * (lru-cache's index arrays, for both) is reported beside it.
 */
export async function measureMemory(): Promise<MemoryFigures> {
  const beforeRaw = await memoryInUse();
  let rawLru: LRUCache<string, object> | null = new LRUCache<string, object>({ max: 100_000 });
  for (let i = 0; i < 100_000; i++) rawLru.set(`session:${i}`, JSON.parse(JSON.stringify(sessionValue(i))));
  const afterRaw = await memoryInUse();
  // A use after the reading: V8 does not keep a variable alive across an await after its last use.
  if (rawLru.size !== 100_000) throw new Error('lru-cache does not hold the 100,000 entries measured');
  const rawMemoryMB = mbSince(beforeRaw.heap, afterRaw.heap);
  const rawArrayBuffersMB = mbSince(beforeRaw.arrayBuffers, afterRaw.arrayBuffers);
  rawLru = null;
  const before = await memoryInUse();
  const big = new HybridCache<object>({ redis: null, maxSize: 100_000 });
  for (let i = 0; i < 100_000; i++) await big.set(`session:${i}`, sessionValue(i));
  const after = await memoryInUse();
  const memoryMB = mbSince(before.heap, after.heap);
  const arrayBuffersMB = mbSince(before.arrayBuffers, after.arrayBuffers);
  if (big.metrics().l1Size !== 100_000) throw new Error('L1 does not hold the 100,000 entries measured');
  await big.close();
  return { memoryMB, rawMemoryMB, arrayBuffersMB, rawArrayBuffersMB };
}
