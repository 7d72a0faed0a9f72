/**
 * @module The `defaults` section of `npm run bench:http`: the server defaults row by row.
 */
import { cpus, loadavg } from 'node:os';
import { BENCH_DEVICE, BENCH_USER_AGENT } from './bench-fingerprint.js';
import { CONNECTIONS, DEFAULTS_DURATION_S, DEFAULTS_ROUNDS } from './bench-settings.js';
import { measureDefaultsRows } from './defaults-rows.js';

/**
 * The server defaults, row by row, in their own child process: req/s, p99 and the server's CPU
 * time per request against a bare Hono route in the same run. Prints a table and a JSON line.
 */
export async function defaultsSection(flowless: Record<string, string>): Promise<void> {
  const rows = await measureDefaultsRows({
    connections: CONNECTIONS,
    durationS: DEFAULTS_DURATION_S,
    rounds: DEFAULTS_ROUNDS,
    flowless: { url: flowless.url ?? '', secret: flowless.secret ?? '' },
    headers: {
      'user-agent': BENCH_USER_AGENT,
      'x-device-id': BENCH_DEVICE,
      'x-session-id': 'bench-warm',
    },
    ...(process.env.BENCH_DEFAULTS_ROWS ? { only: process.env.BENCH_DEFAULTS_ROWS.split(',') } : {}),
  });
  const load = Number((loadavg()[0] ?? 0).toFixed(2));
  console.log(
    `\nbench:http server defaults — ${CONNECTIONS} connections, ${DEFAULTS_ROUNDS} interleaved rounds of ` +
      `${DEFAULTS_DURATION_S} s, medians; server CPU µs/req = the server process's CPU time ÷ requests answered; load ${load}\n`,
  );
  console.table(
    rows.map((r) => ({
      scenario: r.name,
      'req/s': r.rps,
      'p99 ms': r.p99ms,
      'server CPU µs/req': r.cpuUsPerRequest,
      'CPU × floor': r.cpuVsFloor,
      'non-2xx': r.non2xx,
    })),
  );
  const of = (key: string): number | null => rows.find((r) => r.key === key)?.cpuVsFloor ?? null;
  const health = of('defaults');
  console.log(
    `full defaults (GET /health) ${health}× the floor's CPU per request (target ≤ 2×: ` +
      `${health !== null && health <= 2 ? 'met' : 'NOT met'}); protected route ${of('protected')}× the floor`,
  );
  console.log(
    JSON.stringify({
      bench: 'http-defaults',
      connections: CONNECTIONS,
      durationS: DEFAULTS_DURATION_S,
      rounds: DEFAULTS_ROUNDS,
      cpus: cpus().length,
      loadAverage: load,
      node: process.version,
      rows,
      healthCpuVsFloor: health,
      protectedCpuVsFloor: of('protected'),
    }),
  );
}
