/**
 * @module The stampede figure: STAMPEDE concurrent callers on one cold key, a LOADER_MS loader.
 */
import { nowNs, quantile, round, sessionValue } from './stats.js';
import { LOADER_MS, STAMPEDE, STAMPEDE_ROUNDS, sleep } from './workload.js';

interface StampedeRound {
  loaderCalls: number;
  loaderDoneMs: number;
  waiterP50ms: number;
  waiterP99ms: number;
  p99AfterLoaderMs: number;
}

async function stampedeRound(
  key: string,
  run: (key: string, loader: () => Promise<unknown>) => Promise<unknown>,
): Promise<StampedeRound> {
  let calls = 0;
  let loaderDone = 0;
  const start = nowNs();
  const loader = async (): Promise<unknown> => {
    calls++;
    await sleep(LOADER_MS);
    loaderDone = nowNs();
    return sessionValue(1);
  };
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: STAMPEDE }, () =>
      run(key, loader).then(() => latencies.push((nowNs() - start) / 1e6)),
    ),
  );
  const p99 = quantile(latencies, 0.99);
  return {
    loaderCalls: calls,
    // On a loaded machine the 20 ms timer itself fires late: the overhead is measured from it.
    loaderDoneMs: round((loaderDone - start) / 1e6),
    waiterP50ms: round(quantile(latencies, 0.5)),
    waiterP99ms: round(p99),
    p99AfterLoaderMs: round(p99 - (loaderDone - start) / 1e6),
  };
}

/**
 * One unmeasured round first (the code paths of a stampede are not yet compiled by the JIT, as they
 * would be in a running server), then STAMPEDE_ROUNDS rounds on fresh keys; the round with the
 * median overhead after the loader is reported, with the worst overhead beside it. Every contender
 * gets the same treatment.
 */
export async function stampede(
  name: string,
  run: (key: string, loader: () => Promise<unknown>) => Promise<unknown>,
) {
  await stampedeRound(`cold:warm-up:${name}`, run);
  const rounds: StampedeRound[] = [];
  for (let i = 0; i < STAMPEDE_ROUNDS; i++) rounds.push(await stampedeRound(`cold:${i}:${name}`, run));
  rounds.sort((a, b) => a.p99AfterLoaderMs - b.p99AfterLoaderMs);
  const median = rounds[Math.floor(rounds.length / 2)] as StampedeRound;
  return {
    name,
    ...median,
    loaderCalls: Math.max(...rounds.map((r) => r.loaderCalls)),
    worstP99AfterLoaderMs: (rounds.at(-1) as StampedeRound).p99AfterLoaderMs,
  };
}
