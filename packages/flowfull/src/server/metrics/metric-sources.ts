/**
 * @module The figures `/metrics` exports besides HTTP requests, read through callbacks at scrape
 * time so that the server does not depend on the cache's or the bridge's internals.
 */

/** The subset of `HybridCache.metrics()` exported per cache. */
export interface CacheFigures {
  readonly cacheType: string;
  readonly lruHits: number;
  readonly redisHits: number;
  readonly cacheMisses: number;
  readonly errors: number;
  readonly l1Size?: number;
  /** L2 breaker state, when the cache has one. */
  readonly breaker?: { readonly state: string } | string;
}

/** Callbacks read at each scrape; each one is optional. */
export interface MetricSources {
  /** Every cache's figures, e.g. `() => [userCache.metrics()]`. */
  caches?: () => Iterable<CacheFigures>;
  /** Session validation outcomes so far, by outcome (`valid`, `invalid`, `expired`, `violation`, `unavailable`, ...). */
  validationOutcomes?: () => Readonly<Record<string, number>>;
  /** Validation-mode violations so far, by type (`ip_mismatch`, `user_agent_mismatch`, ...). */
  violations?: () => Readonly<Record<string, number>>;
  /** Circuit breaker states by name (`closed`, `half-open` or `open`). */
  breakers?: () => Readonly<Record<string, string>>;
}

/** Numeric value of a breaker state: 0 closed, 1 half-open, 2 open. */
export function breakerValue(state: string): number {
  if (state === 'open') return 2;
  if (state === 'half-open' || state === 'half_open') return 1;
  return 0;
}

/** A breaker state given as a string or as `{ state }`. */
export function breakerState(breaker: CacheFigures['breaker']): string | null {
  if (breaker === undefined) return null;
  return typeof breaker === 'string' ? breaker : breaker.state;
}
