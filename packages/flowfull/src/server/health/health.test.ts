import { describe, expect, it, vi } from 'vitest';
import { health, httpCheck, redisCheck } from './index.js';

describe('health()', () => {
  it('answers liveness with 200 {status:"ok"} without running checks', async () => {
    const check = vi.fn(async () => undefined);
    const res = await health({ checks: { database: check } }).request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(check).not.toHaveBeenCalled();
  });

  it('is ready (200) when every check passes', async () => {
    const res = await health({ checks: { database: async () => 1, redis: async () => 'PONG' } }).request(
      '/health/ready',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });

  it('is not ready (503) when a check fails, without the internal error text', async () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const app = health({
      logger,
      checks: {
        database: async () => {
          throw new Error('password authentication failed for user "app" at 10.0.0.5');
        },
        redis: async () => 'PONG',
      },
    });
    const res = await app.request('/health/ready');
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toContain('password');
    expect(text).not.toContain('10.0.0.5');
    expect(JSON.parse(text)).toMatchObject({
      success: false,
      code: 'ERR_HTTP_NOT_READY',
      status: 'not_ready',
      checks: { database: 'fail', redis: 'ok' },
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ check: 'database' }),
      'readiness check failed',
    );
  });

  it('reports a check that does not answer in time as timeout and aborts it', async () => {
    let aborted = false;
    const app = health({
      timeoutMs: 20,
      checks: {
        flowless: (signal) =>
          new Promise((resolve) => {
            signal.addEventListener('abort', () => {
              aborted = true;
              resolve(undefined);
            });
          }),
      },
    });
    const res = await app.request('/health/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ checks: { flowless: 'timeout' } });
    expect(aborted).toBe(true);
  });

  it('reports draining as not ready even when checks pass', async () => {
    const res = await health({ draining: () => true }).request('/health/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'draining' });
  });

  it('httpCheck fails on a non-2xx answer and sends its headers; redisCheck fails on a wrong PING answer', async () => {
    const signal = new AbortController().signal;
    const fetch404 = (async () => new Response('no', { status: 404 })) as typeof fetch;
    await expect(httpCheck('http://flowless.local/health', { fetch: fetch404 })(signal)).rejects.toThrow(
      'status 404',
    );
    let sent: Headers | undefined;
    const fetch200 = (async (_url: string | URL | Request, init?: RequestInit) => {
      sent = new Headers(init?.headers);
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const probe = httpCheck('http://flowless.local/health', { fetch: fetch200, headers: { 'X-Probe': '1' } });
    await expect(probe(signal)).resolves.toBe(undefined);
    expect(sent?.get('x-probe')).toBe('1');
    await expect(redisCheck({ ping: async () => 'NOPE' })(signal)).rejects.toThrow();
    await expect(redisCheck({ ping: async () => 'PONG' })(signal)).resolves.toBe(undefined);
  });

  it('rejects a non-positive timeout', () => {
    expect(() => health({ timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
