import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorEnvelope, handleError } from '../error-envelope/index.js';
import { zodValidator } from './index.js';

const body = z.object({ title: z.string().min(1), count: z.number().int().nonnegative() });

const runs: string[] = [];

function app() {
  const a = new Hono();
  a.onError(handleError());
  a.use(errorEnvelope());
  a.post('/items', zodValidator('json', body), (c) => {
    const value = c.req.valid('json');
    runs.push(value.title);
    return c.json({ title: value.title.toUpperCase(), count: value.count });
  });
  a.post('/optional', zodValidator('json', z.object({ note: z.string().optional() })), (c) =>
    c.json({ note: c.req.valid('json').note ?? null }),
  );
  a.get('/search', zodValidator('query', z.object({ limit: z.coerce.number().int().max(50) })), (c) =>
    c.json({ limit: c.req.valid('query').limit }),
  );
  return a;
}

const post = (payload: string) =>
  app().request('/items', { method: 'POST', body: payload, headers: { 'Content-Type': 'application/json' } });

describe('zodValidator()', () => {
  it('passes parsed, typed data to the handler', async () => {
    const res = await post(JSON.stringify({ title: 'milk', count: 2 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ title: 'MILK', count: 2 });
  });

  it('answers 400 naming every failing field', async () => {
    const res = await post(JSON.stringify({ title: '', count: -1 }));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { code: string; fields: { field: string }[]; error: string };
    expect(json.code).toBe('ERR_HTTP_VALIDATION_FAILED');
    expect(json.error).toBe('Invalid request body');
    expect(json.fields.map((f) => f.field).sort()).toEqual(['count', 'title']);
  });

  it('answers 400 with the envelope for malformed JSON', async () => {
    const res = await post('{"title":');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false, code: 'ERR_HTTP_BAD_REQUEST' });
  });

  it('validates query strings with coercion', async () => {
    expect(await (await app().request('/search?limit=20')).json()).toEqual({ limit: 20 });
    const res = await app().request('/search?limit=500');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'Invalid query', fields: [{ field: 'limit' }] });
  });

  it.each([
    ['text/plain', '{"title":"csrf","count":1}'],
    ['text/plain;charset=UTF-8', '{"title":"csrf","count":1}'],
    ['application/x-www-form-urlencoded', 'title=csrf&count=1'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/jsonp', '{"title":"csrf","count":1}'],
  ])(
    'answers 415 ERR_HTTP_UNSUPPORTED_MEDIA_TYPE to a %s body, without running the handler',
    async (type, payload) => {
      runs.length = 0;
      const res = await app().request('/items', {
        method: 'POST',
        body: payload,
        headers: { 'Content-Type': type },
      });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({
        success: false,
        code: 'ERR_HTTP_UNSUPPORTED_MEDIA_TYPE',
        error: 'Content-Type must be application/json',
      });
      expect(runs).toEqual([]);
    },
  );

  it('answers 415 to a body sent without a Content-Type', async () => {
    const request = new Request('http://localhost/items', {
      method: 'POST',
      body: new Uint8Array([123, 125]),
    });
    expect(request.headers.get('content-type')).toBeNull();
    const res = await app().request(request);
    expect(res.status).toBe(415);
  });

  it('accepts application/json with parameters, any case, and +json types', async () => {
    for (const type of [
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/merge-patch+json',
    ]) {
      const res = await app().request('/items', {
        method: 'POST',
        body: JSON.stringify({ title: 'ok', count: 1 }),
        headers: { 'Content-Type': type },
      });
      expect({ type, status: res.status }).toEqual({ type, status: 200 });
    }
  });

  it('still validates a request with no body (or only whitespace) as {}, whatever its Content-Type', async () => {
    expect(await (await app().request('/optional', { method: 'POST' })).json()).toEqual({ note: null });
    const blank = await app().request('/optional', {
      method: 'POST',
      body: '  ',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(blank.status).toBe(200);
    const missing = await app().request('/items', { method: 'POST' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'ERR_HTTP_VALIDATION_FAILED' });
  });
});
