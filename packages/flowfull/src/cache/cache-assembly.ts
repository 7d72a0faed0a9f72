/**
 * @module Builds the parts of a HybridCache from its options: L1 (gated by the invalidation
 * subscription when there is Redis), guarded L2, the Redis backend and its bus, and local
 * invalidation, wired together.
 */
import type { L1Driver } from './drivers/driver.js';
import { MemoryDriver } from './drivers/memory-driver.js';
import { GatedL1 } from './gated-l1.js';
import { GuardedL2 } from './guarded-l2.js';
import type { JsonValue } from './json-value.js';
import { LocalInvalidation } from './local-invalidation.js';
import { type CacheCounters, createCounters } from './metrics.js';
import type { HybridCacheOptions, ResolvedCacheOptions } from './options.js';
import { createRedisBackend, type RedisBackend } from './redis-backend.js';
import { SingleFlight } from './single-flight.js';
import { Tiers } from './tiers.js';

/** A load's outcome, shared by the callers that joined it. */
export type Flight = { readonly value: JsonValue | null; readonly fromL2: boolean };

/** Everything a HybridCache runs with. */
export interface CacheParts {
  readonly tiers: Tiers;
  readonly redis: RedisBackend | null;
  readonly flights: SingleFlight<Flight>;
  readonly local: LocalInvalidation;
  readonly counters: CacheCounters;
}

/**
 * Wires the parts. With Redis, L1 is used only while the invalidation subscription is up: it is
 * bypassed the moment the subscription is lost while Redis answers, and flushed and reopened once
 * the subscription is back (an instance that may have missed invalidations must not serve what
 * they were about). While Redis is out altogether (breaker open), L1 hits go on.
 */
export function assembleCache(o: ResolvedCacheOptions, options: HybridCacheOptions): CacheParts {
  const counters = createCounters();
  const flights = new SingleFlight<Flight>();
  const memory: L1Driver<JsonValue> =
    options.l1 ?? new MemoryDriver<NonNullable<JsonValue>>({ maxSize: o.maxSize, now: o.now });
  const url = options.l2 === undefined ? o.redis : null;
  let l2: GuardedL2 | undefined;
  // Redis out altogether (breaker open, or half-open: probing, not yet shown to answer): nobody
  // can publish invalidations, and L1 keeps serving. Once Redis answers again (closed) while the
  // subscription is still down, L1 is bypassed until resubscription flushes it.
  const gate = url === null ? null : new GatedL1(memory, () => l2 !== undefined && l2.state !== 'closed');
  let local: LocalInvalidation | undefined;
  const redis =
    url === null
      ? null
      : createRedisBackend(
          { ...o, redis: url },
          {
            onInvalidation: (invalidation) => local?.drop(invalidation),
            onLost: () => {
              gate?.close();
            },
            onResync: () => {
              local?.drop({ prefix: '' });
              gate?.open();
            },
          },
        );
  l2 = new GuardedL2(options.l2 ?? redis?.driver ?? null, o, counters, () => {
    // A half-dead socket never errors; a fresh connection is the way out.
    if (redis?.mayReconnect) redis.client.disconnect(true);
  });
  const tiers = new Tiers(o, gate ?? memory, l2);
  local = new LocalInvalidation(tiers, flights);
  return { tiers, redis, flights, local, counters };
}
