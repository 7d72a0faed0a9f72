import { bridgeAuth, requireAuth } from 'flowfull/middleware';
import { createHttpMetrics } from 'flowfull/server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { useContractAuth } from '../support/index.js';

describe('/metrics with the validator as a source', () => {
  const { flowless, validator } = useContractAuth({
    sessions: { 'sess-metrics': { user_id: 'u1' } },
    validator: { retryAttempts: 0, breaker: { failureThreshold: 1 } },
  });

  function app(): Hono {
    const metrics = createHttpMetrics({
      processMetrics: false,
      sources: {
        validationOutcomes: () => validator.metrics().outcomes,
        violations: () => validator.metrics().violations,
        breakers: () => ({ flowless: validator.metrics().breaker }),
      },
    });
    const app = new Hono();
    app.get('/metrics', metrics.metricsHandler());
    app.use('/api/*', bridgeAuth({ validator }));
    app.get('/api/me', requireAuth(), (c) => c.json({ user_id: c.get('user_id') }));
    return app;
  }

  it('reports validation outcomes and the Flowless breaker, closed then open', async () => {
    const server = app();
    expect((await server.request('/api/me', { headers: { 'X-Session-ID': 'sess-metrics' } })).status).toBe(
      200,
    );
    expect((await server.request('/api/me', { headers: { 'X-Session-ID': 'sess-nope' } })).status).toBe(401);
    let text = await (await server.request('/metrics')).text();
    expect(text).toContain('flowfull_session_validations_total{outcome="valid"} 1');
    expect(text).toContain('flowfull_session_validations_total{outcome="invalid"} 1');
    expect(text).toContain('flowfull_circuit_breaker_state{breaker="flowless"} 0');
    flowless.setFault('status-500');
    expect((await server.request('/api/me', { headers: { 'X-Session-ID': 'sess-other' } })).status).toBe(503);
    flowless.setFault(null);
    text = await (await server.request('/metrics')).text();
    expect(text).toContain('flowfull_session_validations_total{outcome="unavailable"} 1');
    expect(text).toContain('flowfull_circuit_breaker_state{breaker="flowless"} 2');
  });
});
