import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHttpMetrics } from './index.js';

describe('createHttpMetrics()', () => {
  it('records requests by method, matched route and status in a histogram', async () => {
    const metrics = createHttpMetrics({ processMetrics: false });
    const app = new Hono();
    app.use(metrics.metrics());
    app.get('/items/:id', (c) => c.json({ id: c.req.param('id') }));
    app.get('/metrics', metrics.metricsHandler());
    await app.request('/items/1');
    await app.request('/items/2');
    await app.request('/missing');
    const res = await app.request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/items/:id",status="200"} 2',
    );
    expect(text).toContain('route="unmatched",status="404"');
    expect(text).not.toContain('/items/1');
  });

  it('exports cache tiers, validation outcomes, violations and breaker states read at scrape time', async () => {
    let outcomes = { valid: 3, invalid: 1 };
    const metrics = createHttpMetrics({
      processMetrics: false,
      sources: {
        caches: () => [
          {
            cacheType: 'bridgeSession',
            lruHits: 5,
            redisHits: 2,
            cacheMisses: 1,
            errors: 0,
            l1Size: 4,
            breaker: 'closed',
          },
        ],
        validationOutcomes: () => outcomes,
        violations: () => ({ user_agent_mismatch: 2 }),
        breakers: () => ({ flowless: 'open' }),
      },
    });
    let text = await metrics.registry.metrics();
    expect(text).toContain('flowfull_cache_requests_total{cache="bridgeSession",outcome="l1_hit"} 5');
    expect(text).toContain('flowfull_cache_requests_total{cache="bridgeSession",outcome="l2_hit"} 2');
    expect(text).toContain('flowfull_cache_l1_entries{cache="bridgeSession"} 4');
    expect(text).toContain('flowfull_session_validations_total{outcome="valid"} 3');
    expect(text).toContain('flowfull_validation_violations_total{type="user_agent_mismatch"} 2');
    expect(text).toContain('flowfull_circuit_breaker_state{breaker="flowless"} 2');
    expect(text).toContain('flowfull_circuit_breaker_state{breaker="cache:bridgeSession"} 0');
    outcomes = { valid: 4, invalid: 1 };
    text = await metrics.registry.metrics();
    expect(text).toContain('flowfull_session_validations_total{outcome="valid"} 4');
  });

  it('keeps registries of two servers apart', async () => {
    const a = createHttpMetrics({ processMetrics: false });
    const b = createHttpMetrics({ processMetrics: false });
    expect(a.registry).not.toBe(b.registry);
  });
});
