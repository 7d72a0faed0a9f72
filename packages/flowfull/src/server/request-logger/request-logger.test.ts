import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createServerLogger } from '../logger.js';
import { requestId } from '../request-id/index.js';
import { requestLogger } from './index.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createServerLogger({ destination }) };
}

describe('requestLogger()', () => {
  it('writes one line per request with method, path without query, status, latency and request id', async () => {
    const { lines, logger } = capture();
    let t = 0;
    const app = new Hono();
    app.use(requestId(), requestLogger({ logger, now: () => (t += 5) }));
    app.get('/api/items', (c) => c.json([]));
    await app.request('/api/items?session_id=secret-session-value', {
      headers: {
        'X-Request-ID': 'r1',
        'X-Session-ID': 'header-session-value',
        Cookie: 'session_id=cookie-session-value',
        Authorization: 'Bearer bearer-token-value',
      },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      method: 'GET',
      path: '/api/items',
      status: 200,
      latency_ms: 5,
      request_id: 'r1',
      msg: 'request',
    });
    const text = JSON.stringify(lines);
    for (const secret of [
      'secret-session-value',
      'header-session-value',
      'cookie-session-value',
      'bearer-token-value',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs the route pattern, never a token carried in the path', async () => {
    const { lines, logger } = capture();
    const app = new Hono();
    app.use(requestLogger({ logger }));
    app.get('/password-reset/validate/:token', (c) => c.json({ ok: true }));
    await app.request('/password-reset/validate/reset-token-value');
    await app.request('/no/such/route/leaked-value');
    expect(lines.map((line) => [line.path, line.status])).toEqual([
      ['/password-reset/validate/:token', 200],
      ['(unmatched)', 404],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/reset-token-value|leaked-value/);
  });

  it('logs 5xx at error level and skips configured paths', async () => {
    const { lines, logger } = capture();
    const app = new Hono();
    app.use(requestLogger({ logger, skipPaths: ['/health'] }));
    app.get('/health', (c) => c.text('ok'));
    app.get('/fail', (c) => c.text('no', 502));
    await app.request('/health');
    await app.request('/fail');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, path: '/fail', status: 502 });
  });

  it('requires a logger', () => {
    expect(() => requestLogger({} as never)).toThrow(/logger/);
  });
});
