/**
 * @module The server's own activity for the admin overview, kept in memory for the last 24 hours
 * in per-minute buckets (one ring of 1,440): sign-ins, failed sign-ins, sign-ups, bridge
 * validations, rate-limit refusals, requests with a latency histogram, and session-cache lookups.
 * Time comes from the injected clock. Counts are per instance and start again at each restart;
 * the audit log is the durable record.
 */
import type { Clock } from '../runtime/clock.js';
import {
  emptyLatency,
  type LatencyCounts,
  latencyQuantile,
  mergeLatency,
  observeLatency,
} from './latency-histogram.js';

/** What is counted. */
export type ActivityCounter = 'sign_in' | 'sign_in_failed' | 'sign_up' | 'bridge_validation' | 'rate_limited';

const COUNTERS: readonly ActivityCounter[] = [
  'sign_in',
  'sign_in_failed',
  'sign_up',
  'bridge_validation',
  'rate_limited',
];
const MINUTE_MS = 60_000;
const RING = 24 * 60;

/** Session-cache totals since start (the cache's own `metrics()`). */
export interface CacheTotals {
  hits: number;
  lookups: number;
}

/** One point of a chart, or the totals of a window. */
export interface ActivityPoint {
  /** Epoch ms of the start of the point's span. */
  start: number;
  signIns: number;
  signInFailures: number;
  signUps: number;
  bridgeValidations: number;
  rateLimited: number;
  requests: number;
  /** p95 request latency in ms (bucket upper bound), null without requests. */
  latencyP95Ms: number | null;
  /** Session-cache hits / lookups in the span (0 to 1), null without lookups. */
  cacheHitRate: number | null;
}

/** The activity counters. */
export interface ActivityStats {
  count(counter: ActivityCounter, n?: number): void;
  /** Counts one request that took `ms`. */
  observeRequest(ms: number): void;
  /** `hour`: 60 one-minute points; `day`: 144 ten-minute points; oldest first, the current one last. */
  series(range: 'hour' | 'day'): ActivityPoint[];
  /** Totals of the last hour and the last 24 hours. */
  summary(): { lastHour: ActivityPoint; lastDay: ActivityPoint };
}

interface Bucket {
  minute: number;
  counts: Record<ActivityCounter, number>;
  requests: number;
  latency: LatencyCounts;
  cacheFrom: CacheTotals;
  cacheTo: CacheTotals;
}

const zeroCounts = (): Record<ActivityCounter, number> =>
  Object.fromEntries(COUNTERS.map((counter) => [counter, 0])) as Record<ActivityCounter, number>;

/** Sums `buckets` into one point starting at `start`. */
function pointOf(start: number, buckets: readonly Bucket[]): ActivityPoint {
  const counts = zeroCounts();
  const latency = emptyLatency();
  let requests = 0;
  let hits = 0;
  let lookups = 0;
  for (const bucket of buckets) {
    for (const counter of COUNTERS) counts[counter] += bucket.counts[counter];
    mergeLatency(latency, bucket.latency);
    requests += bucket.requests;
    hits += bucket.cacheTo.hits - bucket.cacheFrom.hits;
    lookups += bucket.cacheTo.lookups - bucket.cacheFrom.lookups;
  }
  return {
    start,
    signIns: counts.sign_in,
    signInFailures: counts.sign_in_failed,
    signUps: counts.sign_up,
    bridgeValidations: counts.bridge_validation,
    rateLimited: counts.rate_limited,
    requests,
    latencyP95Ms: latencyQuantile(latency, 0.95),
    cacheHitRate: lookups > 0 ? hits / lookups : null,
  };
}

/**
 * Creates the {@link ActivityStats}; `cache` reads the session cache's totals.
 *
 * @example
 * ```ts
 * const activity = createActivityStats({ clock, cache: () => ({ hits: 0, lookups: 0 }) });
 * activity.count('sign_in');
 * activity.series('hour').at(-1)?.signIns; // 1
 * ```
 */
export function createActivityStats(options: { clock: Clock; cache: () => CacheTotals }): ActivityStats {
  const { clock, cache } = options;
  const ring: (Bucket | undefined)[] = new Array(RING);
  let lastCache = cache();

  const current = (): Bucket => {
    const minute = Math.floor(clock.now() / MINUTE_MS);
    const slot = minute % RING;
    const found = ring[slot];
    if (found?.minute === minute) return found;
    const fresh: Bucket = {
      minute,
      counts: zeroCounts(),
      requests: 0,
      latency: emptyLatency(),
      cacheFrom: lastCache,
      cacheTo: lastCache,
    };
    ring[slot] = fresh;
    return fresh;
  };

  /** The buckets of the `minutes` minutes ending with the current one, grouped by `step` minutes. */
  const window = (minutes: number, step: number): ActivityPoint[] => {
    const now = Math.floor(clock.now() / MINUTE_MS);
    const first = now - minutes + 1;
    const points: ActivityPoint[] = [];
    for (let from = first; from <= now; from += step) {
      const buckets: Bucket[] = [];
      for (let minute = from; minute < from + step; minute++) {
        const bucket = ring[minute % RING];
        if (bucket?.minute === minute) buckets.push(bucket);
      }
      points.push(pointOf(from * MINUTE_MS, buckets));
    }
    return points;
  };

  return {
    count(counter, n = 1) {
      current().counts[counter] += n;
    },
    observeRequest(ms) {
      const bucket = current();
      bucket.requests++;
      observeLatency(bucket.latency, ms);
      lastCache = cache();
      bucket.cacheTo = lastCache;
    },
    series(range) {
      return range === 'hour' ? window(60, 1) : window(RING, 10);
    },
    summary() {
      return {
        lastHour: window(60, 60)[0] as ActivityPoint,
        lastDay: window(RING, RING)[0] as ActivityPoint,
      };
    },
  };
}
