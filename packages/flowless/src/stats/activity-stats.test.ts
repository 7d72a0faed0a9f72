/**
 * The activity counters on a frozen clock: counts land in the current minute, the hour series has
 * 60 one-minute points and the day series 144 ten-minute points, oldest first; buckets older than
 * 24 hours are forgotten when their slot is reused; p95 latency and the cache hit rate are per
 * span; the summary totals the last hour and the last day. The latency histogram reports a
 * bucket's upper bound.
 */
import { describe, expect, it } from 'vitest';
import { frozenClock } from '../runtime/clock.js';
import { createActivityStats } from './activity-stats.js';
import { emptyLatency, LATENCY_BOUNDS_MS, latencyQuantile, observeLatency } from './latency-histogram.js';

const MINUTE = 60_000;
const START = Date.UTC(2036, 0, 1, 12, 0, 0);

function setup() {
  const clock = frozenClock(START);
  const cache = { hits: 0, lookups: 0 };
  const activity = createActivityStats({ clock, cache: () => ({ ...cache }) });
  return { clock, cache, activity };
}

describe('latency histogram', () => {
  it('reports the upper bound of the bucket holding the quantile, null when empty', () => {
    const counts = emptyLatency();
    expect(latencyQuantile(counts, 0.95)).toBeNull();
    for (let i = 0; i < 95; i++) observeLatency(counts, 3);
    for (let i = 0; i < 5; i++) observeLatency(counts, 700);
    expect(latencyQuantile(counts, 0.95)).toBe(5);
    observeLatency(counts, 700);
    expect(latencyQuantile(counts, 0.95)).toBe(1000);
    observeLatency(counts, 60_000);
    expect(latencyQuantile(counts, 1)).toBe(LATENCY_BOUNDS_MS.at(-1));
  });
});

describe('activity stats', () => {
  it('counts into the current minute; the hour series has 60 points, oldest first', () => {
    const { clock, activity } = setup();
    activity.count('sign_in');
    activity.count('sign_in', 2);
    clock.advance(MINUTE);
    activity.count('sign_in_failed');
    activity.count('rate_limited');
    const hour = activity.series('hour');
    expect(hour).toHaveLength(60);
    expect(hour.at(-1)).toMatchObject({
      start: START + MINUTE,
      signIns: 0,
      signInFailures: 1,
      rateLimited: 1,
    });
    expect(hour.at(-2)).toMatchObject({ start: START, signIns: 3, signInFailures: 0 });
    expect(hour[0]?.start).toBe(START + MINUTE - 59 * MINUTE);
    expect(hour.slice(0, 58).every((point) => point.signIns === 0 && point.requests === 0)).toBe(true);
  });

  it('the day series groups ten minutes per point over 24 hours, and older buckets are forgotten', () => {
    const { clock, activity } = setup();
    activity.count('sign_up');
    clock.advance(5 * MINUTE);
    activity.count('sign_up');
    activity.count('bridge_validation', 4);
    const day = activity.series('day');
    expect(day).toHaveLength(144);
    expect(day.reduce((sum, point) => sum + point.signUps, 0)).toBe(2);
    expect(day.reduce((sum, point) => sum + point.bridgeValidations, 0)).toBe(4);
    clock.advance(24 * 60 * MINUTE); // the same ring slots, a day later
    activity.count('sign_in');
    expect(activity.series('day').reduce((sum, point) => sum + point.signUps, 0)).toBe(0);
    expect(activity.summary().lastDay).toMatchObject({ signIns: 1, signUps: 0, bridgeValidations: 0 });
  });

  it('keeps p95 latency and the cache hit rate per span, null when nothing happened', () => {
    const { clock, cache, activity } = setup();
    cache.hits = 10;
    cache.lookups = 10; // before the window: not counted
    activity.observeRequest(1);
    clock.advance(MINUTE);
    for (let i = 0; i < 19; i++) activity.observeRequest(8);
    cache.hits = 13;
    cache.lookups = 14;
    activity.observeRequest(400);
    const [before, now] = activity.series('hour').slice(-2);
    expect(before).toMatchObject({ requests: 1, latencyP95Ms: 5 });
    expect(now).toMatchObject({ requests: 20, latencyP95Ms: 10, cacheHitRate: 0.75 });
    expect(activity.series('hour')[0]).toMatchObject({ requests: 0, latencyP95Ms: null, cacheHitRate: null });
  });

  it('summary() totals the last hour and the last 24 hours', () => {
    const { clock, activity } = setup();
    activity.count('sign_in', 5);
    clock.advance(2 * 60 * MINUTE);
    activity.count('sign_in', 2);
    activity.observeRequest(30);
    const { lastHour, lastDay } = activity.summary();
    expect(lastHour).toMatchObject({ signIns: 2, requests: 1, latencyP95Ms: 50 });
    expect(lastDay).toMatchObject({ signIns: 7, requests: 1 });
    expect(lastHour.start).toBe(START + 2 * 60 * MINUTE - 59 * MINUTE);
  });
});
