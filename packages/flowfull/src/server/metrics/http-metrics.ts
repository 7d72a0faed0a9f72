/**
 * @module HttpMetrics: a prom-client registry with the request histogram and the cache, session
 * validation, violation and circuit-breaker figures; `metrics()` records requests and
 * `metricsHandler()` serves the registry.
 */
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { breakerState, breakerValue, type MetricSources } from './metric-sources.js';

/** Options of {@link createHttpMetrics}. */
export interface HttpMetricsOptions {
  /** Figures read at scrape time. @default {} */
  sources?: MetricSources;
  /** Registry to fill. @default a new one */
  registry?: Registry;
  /** Also collect Node's default process metrics. @default true */
  processMetrics?: boolean;
  /** Histogram buckets, in seconds. @default 1 ms to 5 s */
  buckets?: readonly number[];
  /** Labels on every metric (e.g. `{ service: 'starter' }`). @default {} */
  defaultLabels?: Readonly<Record<string, string>>;
}

/** The metrics of one server. */
export interface HttpMetrics {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  /** Middleware recording each request's method, matched route, status and duration. */
  metrics(): MiddlewareHandler;
  /**
   * Records one answered request, `seconds` after it arrived: what `metrics()` does once the
   * handler has run, for middleware that composes the server defaults itself.
   */
  record(c: Context, seconds: number): void;
  /** Handler serving the registry in the Prometheus text format. */
  metricsHandler(): Handler;
}

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Creates the metrics of a server.
 *
 * @example
 * ```ts
 * const http = createHttpMetrics({ sources: { caches: () => [cache.metrics()] } });
 * app.use(http.metrics());
 * app.get('/metrics', http.metricsHandler());
 * ```
 */
export function createHttpMetrics(options: HttpMetricsOptions = {}): HttpMetrics {
  const registry = options.registry ?? new Registry();
  const sources = options.sources ?? {};
  if (options.defaultLabels) registry.setDefaultLabels({ ...options.defaultLabels });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, matched route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [...(options.buckets ?? BUCKETS)],
    registers: [registry],
  });
  registerSourceMetrics(registry, sources);
  // One bound child per label set, kept: prom-client then skips building and checking a label
  // object on every request. Routes are patterns and methods and statuses few, so the map stays small.
  const observers = new Map<string, (seconds: number) => void>();
  const observer = (method: string, route: string, status: number): ((seconds: number) => void) => {
    const key = `${method} ${status} ${route}`;
    let observe = observers.get(key);
    if (observe === undefined) {
      observe = duration.labels(method, route, String(status)).observe;
      observers.set(key, observe);
    }
    return observe;
  };
  const record = (c: Context, seconds: number): void => {
    const status = c.res.status;
    // The matched route pattern, not the raw path, keeps the label set small.
    const routePath = c.req.routePath;
    const route = status === 404 && routePath === '/*' ? 'unmatched' : routePath;
    observer(c.req.method, route, status)(seconds);
  };
  return {
    registry,
    metrics() {
      return async function metrics(c, next) {
        const started = performance.now();
        await next();
        record(c, (performance.now() - started) / 1000);
      };
    },
    record,
    metricsHandler() {
      return async function metricsHandler(c) {
        return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
      };
    },
  };
}

function registerSourceMetrics(registry: Registry, sources: MetricSources): void {
  const { caches, validationOutcomes, violations, breakers } = sources;
  if (caches) {
    new Counter({
      name: 'flowfull_cache_requests_total',
      help: 'Cache lookups by cache and tier outcome (l1 hit, l2 hit, miss, error).',
      labelNames: ['cache', 'outcome'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const m of caches()) {
          this.inc({ cache: m.cacheType, outcome: 'l1_hit' }, m.lruHits);
          this.inc({ cache: m.cacheType, outcome: 'l2_hit' }, m.redisHits);
          this.inc({ cache: m.cacheType, outcome: 'miss' }, m.cacheMisses);
          this.inc({ cache: m.cacheType, outcome: 'error' }, m.errors);
        }
      },
    });
    new Gauge({
      name: 'flowfull_cache_l1_entries',
      help: 'Entries in each cache’s in-process tier.',
      labelNames: ['cache'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const m of caches()) if (m.l1Size !== undefined) this.set({ cache: m.cacheType }, m.l1Size);
      },
    });
  }
  if (validationOutcomes)
    countFrom(registry, 'flowfull_session_validations_total', 'outcome', validationOutcomes);
  if (violations) countFrom(registry, 'flowfull_validation_violations_total', 'type', violations);
  if (breakers || caches) {
    new Gauge({
      name: 'flowfull_circuit_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open.',
      labelNames: ['breaker'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [name, state] of Object.entries(breakers?.() ?? {}))
          this.set({ breaker: name }, breakerValue(state));
        for (const m of caches?.() ?? []) {
          const state = breakerState(m.breaker);
          if (state !== null) this.set({ breaker: `cache:${m.cacheType}` }, breakerValue(state));
        }
      },
    });
  }
}

function countFrom(
  registry: Registry,
  name: string,
  label: string,
  read: () => Readonly<Record<string, number>>,
): void {
  new Counter({
    name,
    help: `Totals by ${label}, read from the application at scrape time.`,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [key, value] of Object.entries(read())) this.inc({ [label]: key }, value);
    },
  });
}
