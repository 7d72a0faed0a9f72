/**
 * @module Sequential latency sampling over one kept-alive connection with microsecond timing
 * (autocannon reports whole milliseconds, too coarse for a 1 ms budget).
 */
import { Agent, request } from 'node:http';

/** One request to send: method, URL, headers and optional body. */
export interface ProbeRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Latency percentiles in ms, plus the share of non-2xx answers. */
export interface LatencySummary {
  readonly p50ms: number;
  readonly p99ms: number;
  readonly non2xx: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function once(req: ProbeRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(req.url, { method: req.method, headers: req.headers, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Sends `count` requests one after the other (after `warmup` discarded ones) and summarises. */
export async function sampleLatency(
  build: (i: number) => ProbeRequest,
  count: number,
  warmup = 200,
): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i++) await once(build(-1 - i));
  const samples: number[] = [];
  let non2xx = 0;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const status = await once(build(i));
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (status < 200 || status > 299) non2xx++;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number =>
    Number((samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0).toFixed(3));
  return { p50ms: at(0.5), p99ms: at(0.99), non2xx };
}
