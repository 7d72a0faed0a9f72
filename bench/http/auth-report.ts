/**
 * @module Prints the `auth` section of `npm run bench:http`: the table, the targets line and one
 * JSON line of the figures.
 */
import { cpus } from 'node:os';
import type { Row } from './warm-rows.js';

/** The figures of the auth section (printed as one JSON line). */
export interface AuthFigures {
  loadAverage: number;
  warmThroughputRatio: number;
  noopThroughputRatio: number;
  warmVsNoopThroughputRatio: number;
  coldAddedP50Ms: number;
  forwardAddedP50Ms: number;
  coldOverForwardP50Ms: number;
  coldAddedP50MsWithoutRedis: number | null;
  [key: string]: unknown;
}

/** What the auth section prints, `a` and `b` being the bare and warm rows, `c0` the row without Redis. */
export interface AuthReport {
  withRedis: boolean;
  rows: Row[];
  a: Row;
  b: Row;
  c0: Row | undefined;
  figures: AuthFigures;
}

/** Prints the auth section. */
export function printAuthReport({ withRedis, rows, a, b, c0, figures }: AuthReport): void {
  const targets = {
    warmThroughput: figures.warmThroughputRatio >= 0.9,
    warmP99: b.p99ms <= 2 * a.p99ms,
    coldAddedP50: figures.coldAddedP50Ms <= 1,
  };
  console.log(
    `\nbench:http — loopback, Redis ${withRedis ? 'on' : 'off'}, ${cpus().length} CPUs, load ${figures.loadAverage}\n`,
  );
  console.table(
    rows.map((r) => ({
      scenario: r.name,
      'req/s': r.rps ?? '—',
      'p50 ms': r.p50ms,
      'p99 ms': r.p99ms,
      'non-2xx': r.non2xx,
    })),
  );
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  console.log(
    `(b)/(a) throughput ${figures.warmThroughputRatio} (≥ 0.90: ${verdict(targets.warmThroughput)}; ` +
      `no-op middleware floor (a2)/(a) ${figures.noopThroughputRatio}, (b)/(a2) ${figures.warmVsNoopThroughputRatio}); ` +
      `p99 (b) ${b.p99ms} ms vs 2×(a) ${2 * a.p99ms} ms (${verdict(targets.warmP99)}); ` +
      `(c)−(d) p50 ${figures.coldAddedP50Ms} ms (≤ 1 ms: ${verdict(targets.coldAddedP50)})` +
      `; floor (e)−(d) p50 ${figures.forwardAddedP50Ms} ms, (c)−(e) ${figures.coldOverForwardP50Ms} ms` +
      (c0 === undefined ? '' : `; without Redis (c0)−(d) p50 ${figures.coldAddedP50MsWithoutRedis} ms`),
  );
  console.log(JSON.stringify({ ...figures, targets }));
}
