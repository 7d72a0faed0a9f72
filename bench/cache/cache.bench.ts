/**
 * @module `npm run bench:cache`: HybridCache against raw lru-cache (the floor), BentoCache and
 * cache-manager, in one process, on the same workload and value semantics (every library hands
 * out a copy: HybridCache clones, BentoCache and cache-manager deserialize). Loopback Redis only.
 * Prints a table, then one JSON line of the figures.
 */
import KeyvRedis from '@keyv/redis';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis';
import { createCache } from 'cache-manager';
import { HybridCache } from 'flowfull/cache';
import { TcpProxy } from 'flowfull/testing';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { measureHits, type Row, throughput } from './hit-latency.js';
import { measureMemory } from './memory.js';
import { propagation } from './propagation.js';
import { type CacheFigures, printReport } from './report.js';
import { stampede } from './stampede.js';
import { nowNs, round, sessionValue } from './stats.js';
import {
  connection,
  LOADER_MS,
  PROPAGATION_SAMPLES,
  REDIS_URL,
  RUN,
  STAMPEDE_ROUNDS,
  sleep,
} from './workload.js';

const value = sessionValue(0);

// 1. Memory for 100,000 session-sized entries in L1, first, on a heap no other section has used yet.
const { memoryMB, rawMemoryMB, arrayBuffersMB, rawArrayBuffersMB } = await measureMemory();

// 2. L1 hits
const lru = new LRUCache<string, object>({ max: 10_000 });
lru.set('hot', value);
const hybrid = new HybridCache<object>({ keyPrefix: `${RUN}hybrid:`, redis: REDIS_URL, ttl: 300 });
await hybrid.ready();
await hybrid.set('hot', value);
const bento = new BentoCache({
  default: 'cache',
  prefix: `${RUN}bento`,
  stores: {
    cache: bentostore()
      .useL1Layer(memoryDriver({ maxItems: 10_000 }))
      .useL2Layer(redisDriver({ connection }))
      .useBus(redisBusDriver({ connection })),
  },
});
await bento.set({ key: 'hot', value, ttl: '5m' });
const manager = createCache({
  stores: [
    new Keyv({ namespace: `${RUN}cm-mem` }),
    new Keyv({ store: new KeyvRedis(REDIS_URL), namespace: `${RUN}cm` }),
  ],
  ttl: 300_000,
});
await manager.set('hot', value);

const hits: Row[] = [];
hits.push(await measureHits('lru-cache get (floor)', () => lru.get('hot')));
hits.push(await measureHits('HybridCache get', () => hybrid.get('hot')));
hits.push(await measureHits('BentoCache get', () => bento.get({ key: 'hot' })));
hits.push(await measureHits('cache-manager get', () => manager.get('hot')));
// The synchronous L1 answer the bridge validator's warm path uses (no copy, no promise).
hits.push(await measureHits('HybridCache peek (sync, shared value)', () => hybrid.peek('hot')));
// Untimed-per-op throughput, alternating to be fair to whichever ran first.
const hybridOps = Math.max(
  await throughput(() => hybrid.get('hot')),
  await throughput(() => hybrid.get('hot')),
);
const bentoOps = Math.max(
  await throughput(() => bento.get({ key: 'hot' })),
  await throughput(() => bento.get({ key: 'hot' })),
);

// 3. Stampede: 10,000 concurrent callers on one cold key
const stampedes = [
  await stampede('HybridCache getOrSet', (key, loader) => hybrid.getOrSet(key, loader)),
  await stampede('BentoCache getOrSet', (key, loader) => bento.getOrSet({ key, factory: loader, ttl: '5m' })),
  await stampede('cache-manager wrap', (key, loader) => manager.wrap(key, loader, 300_000)),
];

// 4. Propagation: delete on A -> miss on B
const hybridB = new HybridCache<object>({ keyPrefix: `${RUN}hybrid:`, redis: REDIS_URL, ttl: 300 });
await hybridB.ready();
const bentoB = new BentoCache({
  default: 'cache',
  prefix: `${RUN}bento`,
  stores: {
    cache: bentostore()
      .useL1Layer(memoryDriver({ maxItems: 10_000 }))
      .useL2Layer(redisDriver({ connection }))
      .useBus(redisBusDriver({ connection })),
  },
});
const propagations = [
  await propagation(
    'HybridCache',
    (k) => hybrid.set(k, value),
    (k) => hybridB.get(k),
    (k) => hybrid.delete(k),
  ),
  await propagation(
    'BentoCache',
    (k) => bento.set({ key: k, value, ttl: '5m' }),
    (k) => bentoB.get({ key: k }),
    (k) => bento.delete({ key: k }),
  ),
];

// 5. First L1 miss with Redis stalled
const proxy = await TcpProxy.start(REDIS_URL);
const stalled = new HybridCache<object>({ keyPrefix: `${RUN}stalled:`, redis: proxy.url });
await stalled.ready();
proxy.stall();
const start = nowNs();
await stalled.getOrSet('cold', async () => {
  await sleep(LOADER_MS);
  return value;
});
const stalledMissMs = round((nowNs() - start) / 1e6);
proxy.resume();
await stalled.close();
await proxy.close();

// Report
const figures: CacheFigures = {
  l1Hit: hits,
  hybridVsBentoOps: round(hybridOps / bentoOps, 1),
  hybridOpsPerSec: hybridOps,
  bentoOpsPerSec: bentoOps,
  stampede: stampedes,
  propagation: propagations,
  propagationSamples: PROPAGATION_SAMPLES,
  stampedeRounds: STAMPEDE_ROUNDS,
  stalledFirstMissMs: stalledMissMs,
  loaderMs: LOADER_MS,
  memory100kMB: memoryMB,
  rawLruMemory100kMB: rawMemoryMB,
  arrayBuffers100kMB: arrayBuffersMB,
  rawLruArrayBuffers100kMB: rawArrayBuffersMB,
  sessionJsonBytes: JSON.stringify(sessionValue(99_999)).length,
};
printReport(figures);

await Promise.all([hybrid.clear(), bento.clear(), manager.clear()]);
await Promise.all([
  hybrid.close(),
  hybridB.close(),
  bento.disconnect(),
  bentoB.disconnect(),
  manager.disconnect(),
]);
process.exit(0);
