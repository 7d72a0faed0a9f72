/**
 * flowfull/server's production defaults as Flowless serves them: health and readiness, metrics,
 * security headers, exact-origin CORS, body limit, request ids, the error envelope, request logs
 * without secrets, and graceful shutdown of a real server (libSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFlowlessConfig } from '../src/config/flowless-config.js';
import type { Logger } from '../src/runtime/logger.js';
import { startFlowlessServer } from '../src/server.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  startFlowless,
} from './support/flowless-harness.js';

type Line = { level: string; fields: Record<string, unknown>; message: string };

function recordingLogger(lines: Line[]): Logger {
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('Flowless HTTP defaults', () => {
  const lines: Line[] = [];
  let h: Harness;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_http'), {
      logger: recordingLogger(lines),
      env: { CORS_ORIGINS: 'https://admin.example.test', BODY_LIMIT_BYTES: '4096' },
    });
  });
  afterAll(() => h.stop());

  it('GET /health answers the contract’s 200 {status:"ok"} and /health/ready checks the database', async () => {
    const live = await call(h, 'GET', '/health');
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await call(h, 'GET', '/health/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'ok' } } });
  });

  it('GET /metrics serves Prometheus text with request durations and the session cache figures', async () => {
    await call(h, 'GET', '/health');
    const res = await h.app.request('/metrics');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('http_request_duration_seconds');
    expect(text).toContain('flowless_sessions');
  });

  it('sends security headers and echoes a given X-Request-ID, or assigns one', async () => {
    const given = await call(h, 'GET', '/health', { headers: { 'x-request-id': 'req-abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-abc-123');
    expect(given.headers.get('x-content-type-options')).toBe('nosniff');
    const assigned = await call(h, 'GET', '/nowhere');
    expect(assigned.status).toBe(404);
    expect(assigned.body).toMatchObject({ success: false, code: 'ERR_HTTP_NOT_FOUND' });
    expect(assigned.requestId).toBe(assigned.headers.get('x-request-id'));
    expect(assigned.requestId).toMatch(/.{8,}/);
  });

  it('allows credentials for FRONTEND_URL and CORS_ORIGINS exactly, and no other origin', async () => {
    for (const origin of ['https://app.example.test', 'https://admin.example.test']) {
      const res = await h.app.request('/auth/login', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-session-id',
        },
      });
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-session-id');
    }
    const evil = await h.app.request('/auth/login', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.test.evil.test', 'access-control-request-method': 'POST' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 413 in the envelope above BODY_LIMIT_BYTES, and handles a body below it', async () => {
    const big = await call(h, 'POST', '/auth/login', {
      body: { email: 'x@example.test', password: 'p'.repeat(8192) },
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ success: false, code: 'ERR_HTTP_PAYLOAD_TOO_LARGE' });
    const small = await call(h, 'POST', '/auth/login', {
      body: { email: 'x@example.test', password: 'not this one' },
    });
    expect(small.status).toBe(401);
  });

  it('keeps the contract’s error strings in the envelope: "Invalid session" with a stable code and request_id', async () => {
    const res = await call(h, 'POST', '/auth/bridge/validate', {
      headers: { 'x-bridge-secret': BRIDGE_SECRET },
      body: { session_id: 'no-such-session-000000000000000000000000' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      success: false,
      valid: false,
      error: 'Invalid session',
      message: 'Invalid session',
      code: 'ERR_FLOWLESS_INVALID_SESSION',
    });
    expect(typeof res.requestId).toBe('string');
  });

  it('request logs name the path without its query or a reset token, and never a session id', async () => {
    lines.length = 0;
    const sid = 'a-session-id-that-must-not-be-logged-0000000';
    const token = 'a-reset-token-that-must-not-be-logged-000000';
    await call(h, 'GET', `/auth/user/me?session_id=${sid}`, { session: sid });
    await call(h, 'GET', `/auth/password-reset/validate/${token}`);
    const requests = lines.filter((line) => line.message === 'request');
    expect(requests.map((line) => line.fields.path)).toEqual([
      '/auth/user/me',
      '/auth/password-reset/validate/:token',
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(sid);
    expect(logged).not.toContain(token);
  });
});

describe('startFlowlessServer()', () => {
  it('serves on a real port and shuts down gracefully on close(), refusing new connections', async () => {
    const { url, db } = await freshDatabase('libsql', 'flowless_serve');
    await db.destroy();
    const config = loadFlowlessConfig(
      { DATABASE_URL: url, BRIDGE_VALIDATION_SECRET: BRIDGE_SECRET, PORT: '0', LOG_LEVEL: 'silent' },
      { dotenv: false },
    );
    const server = await startFlowlessServer(config, { hostname: '127.0.0.1', signals: [] });
    const res = await fetch(`${server.url}/health`);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(await server.close()).toBe(true);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
