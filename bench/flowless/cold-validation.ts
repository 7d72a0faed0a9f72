/**
 * @module Latency of cold bridge validations, one request at a time, API tokens and sessions in
 * turn (so both see the same load): each credential is asked for once, so every request misses the
 * cache and reads PostgreSQL.
 */

/** Credentials of each kind validated, unmeasured, before the measured ones. */
export const COLD_WARM_UP = 300;

/** Percentiles of the cold validations, in ms. */
export interface ColdFigures {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
}

const pick = (sorted: readonly number[], q: number): number =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN) * 100) / 100;

/**
 * Validates `samples` credentials of each kind never asked for before (after `warmUp` others),
 * sequentially, alternating the kinds.
 */
export async function measureColdValidation(
  url: string,
  credentials: { token: readonly string[]; session: readonly string[] },
  headers: Record<string, string>,
  samples: number,
  warmUp = COLD_WARM_UP,
): Promise<{ token: ColdFigures; session: ColdFigures }> {
  const times = { token: [] as number[], session: [] as number[] };
  const errors = { token: 0, session: 0 };
  for (let i = 0; i < warmUp + samples; i++) {
    for (const kind of ['token', 'session'] as const) {
      const id = credentials[kind][i];
      if (id === undefined) continue;
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ session_id: id }),
      });
      await response.arrayBuffer();
      const took = performance.now() - started;
      if (i < warmUp) continue;
      if (response.status !== 200) errors[kind]++;
      times[kind].push(took);
    }
  }
  const figures = (kind: 'token' | 'session'): ColdFigures => {
    const sorted = times[kind].sort((a, b) => a - b);
    return {
      samples: sorted.length,
      p50: pick(sorted, 0.5),
      p95: pick(sorted, 0.95),
      p99: pick(sorted, 0.99),
      max: pick(sorted, 1),
      errors: errors[kind],
    };
  };
  return { token: figures('token'), session: figures('session') };
}
