/**
 * @module The login timing figure of docs/security.md, property 5: failed logins for an unknown
 * email, an
 * unknown username, a wrong password and a locked account, sent one at a time over HTTP with the
 * cases interleaved in a new random order every round (so that machine noise hits every case
 * alike); reports each case's median latency and status, and whether the answers were identical.
 */

/** One case's figures. */
export interface CaseTiming {
  medianMs: number;
  p90Ms: number;
  /** Distinct `status body` answers seen, the request id left out. */
  answers: string[];
}

/** The figures of {@link measureLoginTiming}. */
export interface LoginTiming {
  samples: number;
  cases: Record<string, CaseTiming>;
  /** Largest difference between two cases' medians, in ms. */
  maxMedianDiffMs: number;
  /** Every case gave the same one answer. */
  identicalAnswers: boolean;
}

const at = (sorted: readonly number[], i: number): number => sorted[i] ?? Number.NaN;
const quantile = (sorted: readonly number[], q: number): number =>
  at(sorted, Math.min(sorted.length - 1, Math.floor(q * sorted.length)));
const median = (sorted: readonly number[]): number => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? at(sorted, mid) : (at(sorted, mid - 1) + at(sorted, mid)) / 2;
};
const round2 = (ms: number): number => Math.round(ms * 100) / 100;

async function login(url: string, body: string): Promise<{ ms: number; answer: string }> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  const ms = performance.now() - started;
  const { request_id: _id, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return { ms, answer: `${res.status} ${JSON.stringify(rest)}` };
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Sends `samples` logins per case to `url` (after `warmUp` unmeasured rounds), using each case's
 * bodies in turn.
 */
export async function measureLoginTiming(
  url: string,
  bodies: Readonly<Record<string, readonly string[]>>,
  samples: number,
  warmUp = 3,
): Promise<LoginTiming> {
  const names = Object.keys(bodies);
  const times = new Map(names.map((name) => [name, [] as number[]]));
  const answers = new Map(names.map((name) => [name, new Set<string>()]));
  for (let round = 0; round < warmUp + samples; round++) {
    for (const name of shuffled(names)) {
      const variants = bodies[name] ?? [];
      const { ms, answer } = await login(url, variants[round % variants.length] as string);
      answers.get(name)?.add(answer);
      if (round >= warmUp) times.get(name)?.push(ms);
    }
  }
  const cases: Record<string, CaseTiming> = {};
  for (const name of names) {
    const sorted = (times.get(name) ?? []).sort((a, b) => a - b);
    cases[name] = {
      medianMs: round2(median(sorted)),
      p90Ms: round2(quantile(sorted, 0.9)),
      answers: [...(answers.get(name) ?? [])],
    };
  }
  const medians = Object.values(cases).map((c) => c.medianMs);
  const distinct = new Set(Object.values(cases).flatMap((c) => c.answers));
  return {
    samples,
    cases,
    maxMedianDiffMs: round2(Math.max(...medians) - Math.min(...medians)),
    identicalAnswers: distinct.size === 1,
  };
}
