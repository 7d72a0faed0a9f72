import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../errors.js';
import { requestId } from '../request-id/index.js';
import { errorEnvelope, handleError, handleNotFound } from './index.js';

function appWith(options: Parameters<typeof handleError>[0] = {}) {
  const app = new Hono();
  app.onError(handleError(options));
  app.notFound(handleNotFound);
  app.use(requestId(), errorEnvelope());
  return app;
}

const headers = { 'X-Request-ID': 'req-123' };

describe('error envelope', () => {
  it('answers an unknown route with a 404 envelope carrying the request id', async () => {
    const res = await appWith().request('/nowhere', { headers });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({
      success: false,
      error: 'Not found',
      code: 'ERR_HTTP_NOT_FOUND',
      request_id: 'req-123',
    });
  });

  it('leaves an HTML page answered with an error status (a form with field errors) as it is', async () => {
    const app = appWith();
    app.post('/form', (c) => c.html('<p id="field-title-error">Enter a title</p>', 422));
    app.post('/text', (c) => c.text('Enter a title', 422));
    const page = await app.request('/form', { method: 'POST', headers });
    expect(page.status).toBe(422);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toBe('<p id="field-title-error">Enter a title</p>');
    const text = await app.request('/text', { method: 'POST', headers });
    expect(await text.json()).toMatchObject({ success: false, code: 'ERR_HTTP_VALIDATION_FAILED' });
  });

  it('turns an uncaught error into a 500 without its message or stack, and logs it', async () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const app = appWith({ logger });
    app.get('/boom', () => {
      throw new Error('connection string postgres://user:pw@db leaked');
    });
    const res = await app.request('/boom', { headers });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({
      success: false,
      error: 'Internal server error',
      code: 'ERR_HTTP_INTERNAL',
      request_id: 'req-123',
    });
    expect(JSON.stringify(body)).not.toContain('postgres://');
    expect(logger.error).toHaveBeenCalledOnce();
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({ request_id: 'req-123', path: '/boom' });
  });

  it('adds the stack to 500s only when exposeStack is on', async () => {
    const app = appWith({ exposeStack: true });
    app.get('/boom', () => {
      throw new Error('kaput');
    });
    const body = (await (await app.request('/boom')).json()) as { stack?: string };
    expect(body.stack).toContain('kaput');
  });

  it('keeps the status, code, message and details of an ApiError', async () => {
    const app = appWith();
    app.get('/item', () => {
      throw new ApiError(409, 'ERR_ITEM_TAKEN', 'Item already exists', { details: { field: 'slug' } });
    });
    const res = await app.request('/item', { headers });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      success: false,
      error: 'Item already exists',
      code: 'ERR_ITEM_TAKEN',
      field: 'slug',
      request_id: 'req-123',
    });
  });

  it('maps an HTTPException below 500 to its status with a status code', async () => {
    const app = appWith();
    app.get('/x', () => {
      throw new HTTPException(400, { message: 'Malformed JSON in request body' });
    });
    const res = await app.request('/x');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'Malformed JSON in request body',
      code: 'ERR_HTTP_BAD_REQUEST',
    });
  });

  it('completes a JSON refusal from a middleware, keeping its code, fields and headers', async () => {
    const app = appWith();
    app.get('/guarded', (c) => {
      c.header('Retry-After', '5');
      return c.json(
        { success: false, error: 'Authentication service unavailable', code: 'AUTH_UNAVAILABLE' },
        503,
      );
    });
    const res = await app.request('/guarded', { headers });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect(await res.json()).toEqual({
      success: false,
      error: 'Authentication service unavailable',
      code: 'AUTH_UNAVAILABLE',
      request_id: 'req-123',
    });
  });

  it('replaces a plain-text error body with the envelope', async () => {
    const app = appWith();
    app.get('/text', (c) => c.text('Payload Too Large', 413));
    const res = await app.request('/text');
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ success: false, code: 'ERR_HTTP_PAYLOAD_TOO_LARGE' });
  });

  it('leaves successful responses untouched', async () => {
    const app = appWith();
    app.get('/ok', (c) => c.json({ success: true, data: 1 }));
    const res = await app.request('/ok');
    expect(await res.json()).toEqual({ success: true, data: 1 });
  });

  it('refuses to build an ApiError with a non-error status', () => {
    expect(() => new ApiError(200, 'ERR_X', 'no')).toThrow(TypeError);
  });
});
