/**
 * @module `/admin`: the overview. Charts of sign-ins, failed sign-ins, sign-ups, bridge
 * validations and rate-limit refusals over the last hour (per minute) and the last day (per 10
 * minutes), and the session-cache hit rate and p95 request latency of both windows. The figures
 * are this instance's activity counters, in memory since it started.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import type { ActivityPoint } from '../../../stats/activity-stats.js';
import type { AdminRouter } from '../admin-router.js';
import { BarChart } from './bar-chart.js';

/** The counted figures a chart shows, with their names. */
const METRICS = [
  { key: 'signIns', id: 'sign-ins', label: 'Sign-ins' },
  { key: 'signInFailures', id: 'failed-sign-ins', label: 'Failed sign-ins' },
  { key: 'signUps', id: 'sign-ups', label: 'Sign-ups' },
  { key: 'bridgeValidations', id: 'bridge-validations', label: 'Bridge validations' },
  { key: 'rateLimited', id: 'rate-limited', label: 'Rate-limit refusals' },
] as const satisfies readonly { key: keyof ActivityPoint; id: string; label: string }[];

const percent = (rate: number | null): string =>
  rate === null ? 'no lookups' : `${Math.round(rate * 1000) / 10}%`;
const millis = (ms: number | null): string => (ms === null ? 'no requests' : `≤ ${ms} ms`);

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div class="stat">
      <div>{label}</div>
      <div class="value">{value}</div>
    </div>
  );
}

function Summary({ hour, day }: { hour: ActivityPoint; day: ActivityPoint }) {
  return (
    <section class="card" aria-labelledby="health-heading">
      <h2 id="health-heading">Cache and latency</h2>
      <div class="stats">
        <Stat label="Session-cache hit rate, last hour" value={percent(hour.cacheHitRate)} />
        <Stat label="Session-cache hit rate, last day" value={percent(day.cacheHitRate)} />
        <Stat label="p95 latency, last hour" value={millis(hour.latencyP95Ms)} />
        <Stat label="p95 latency, last day" value={millis(day.latencyP95Ms)} />
        <Stat label="Requests, last hour" value={String(hour.requests)} />
        <Stat label="Requests, last day" value={String(day.requests)} />
      </div>
    </section>
  );
}

function overviewPage(admin: AdminRouter, c: Context<FlowlessEnv>): Response | Promise<Response> {
  const { activity } = admin.services;
  const hour = activity.series('hour');
  const day = activity.series('day');
  const { lastHour, lastDay } = activity.summary();
  return admin.render(
    c,
    { title: 'Overview', section: 'overview' },
    <>
      <h1>Overview</h1>
      <p class="muted">This server's own activity since it started (times in UTC).</p>
      <Summary hour={lastHour} day={lastDay} />
      {METRICS.map((metric) => (
        <section class="card" aria-labelledby={`${metric.id}-heading`}>
          <h2 id={`${metric.id}-heading`}>
            {metric.label}: {lastHour[metric.key]} in the last hour, {lastDay[metric.key]} in the last day
          </h2>
          <div class="charts">
            <BarChart
              id={`${metric.id}-hour`}
              title={`${metric.label}, last hour, per minute`}
              points={hour.map((point) => ({ start: point.start, value: point[metric.key] }))}
              spanMinutes={1}
            />
            <BarChart
              id={`${metric.id}-day`}
              title={`${metric.label}, last day, per 10 minutes`}
              points={day.map((point) => ({ start: point.start, value: point[metric.key] }))}
              spanMinutes={10}
            />
          </div>
        </section>
      ))}
    </>,
  );
}

/**
 * Registers `GET /admin`.
 */
export function registerOverviewPage(admin: AdminRouter): void {
  admin.get('/admin', (c) => overviewPage(admin, c));
}
