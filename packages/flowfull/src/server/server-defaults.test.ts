import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createServerLogger } from './logger.js';
import { OpenApiRegistry } from './openapi/index.js';
import { applyServerDefaults } from './server-defaults.js';
import { zodValidator } from './zod-validator/index.js';

function build() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createServerLogger({ destination });
  const openapi = new OpenApiRegistry({ title: 'Defaults', version: '0.0.1' });
  const app = applyServerDefaults(new Hono(), {
    logger,
    corsOrigins: ['https://app.example.com'],
    bodyLimit: 64,
    openapi,
    readiness: { database: async () => 1 },
  });
  const body = z.object({ name: z.string().min(2) });
  openapi.add({
    method: 'post',
    path: '/things',
    summary: 'Create a thing',
    body,
    responses: { 201: { description: 'ok' } },
  });
  app.post('/things', zodValidator('json', body), (c) =>
    c.json({ success: true, data: c.req.valid('json') }, 201),
  );
  app.get('/crash', () => {
    throw new Error('internal detail');
  });
  return { app, lines };
}

const json = (payload: unknown) => ({
  method: 'POST',
  body: JSON.stringify(payload),
  headers: { 'Content-Type': 'application/json', Origin: 'https://app.example.com' },
});

describe('applyServerDefaults()', () => {
  it('serves a valid request with security headers, CORS and a request id, and logs one line', async () => {
    const { app, lines } = build();
    const res = await app.request('/things', json({ name: 'ab' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(lines.filter((l) => l.msg === 'request')).toHaveLength(1);
  });

  it('answers 400, 404, 413 and 500 with the same envelope', async () => {
    const { app } = build();
    const cases: [Response, number, string][] = [
      [await app.request('/things', json({ name: 'a' })), 400, 'ERR_HTTP_VALIDATION_FAILED'],
      [await app.request('/nope'), 404, 'ERR_HTTP_NOT_FOUND'],
      [await app.request('/things', json({ name: 'x'.repeat(100) })), 413, 'ERR_HTTP_PAYLOAD_TOO_LARGE'],
      [await app.request('/crash'), 500, 'ERR_HTTP_INTERNAL'],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ success: false, code });
      expect(typeof body.error).toBe('string');
      expect(body.request_id).toBe(res.headers.get('x-request-id'));
      expect(body).not.toHaveProperty('stack');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('mounts /health, /health/ready, /metrics and /openapi.json', async () => {
    const { app } = build();
    await app.request('/things', json({ name: 'abc' }));
    expect((await app.request('/health')).status).toBe(200);
    expect(await (await app.request('/health/ready')).json()).toEqual({
      status: 'ready',
      checks: { database: 'ok' },
    });
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toContain(
      'http_request_duration_seconds_count{method="POST",route="/things",status="201"} 1',
    );
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(['/things']);
  });

  it('keeps the type of an app with its own Env, so its routes read typed context variables', async () => {
    type UserEnv = { Variables: { user: string } };
    const app = applyServerDefaults(new Hono<UserEnv>(), { logger: createServerLogger({ level: 'silent' }) });
    expectTypeOf(app).toEqualTypeOf<Hono<UserEnv>>();
    app.use(async (c, next) => {
      c.set('user', 'ada');
      await next();
    });
    app.get('/me', (c) => {
      expectTypeOf(c.get('user')).toEqualTypeOf<string>();
      return c.json({ user: c.get('user') });
    });
    const res = await app.request('/me');
    expect(await res.json()).toEqual({ user: 'ada' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it("hands the route's own Response on, headers added in place, with no copy of its body", async () => {
    const app = applyServerDefaults(new Hono(), {
      logger: createServerLogger({ level: 'silent' }),
      corsOrigins: ['https://app.example.com'],
    });
    let answered: Response | undefined;
    app.get('/data', (c) => {
      answered = c.json({ ok: true });
      return answered;
    });
    const res = await app.fetch(
      new Request('http://localhost/data', { headers: { Origin: 'https://app.example.com' } }),
    );
    expect(res).toBe(answered);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('requires a logger', () => {
    expect(() => applyServerDefaults(new Hono(), {} as never)).toThrow(/logger/);
  });
});
