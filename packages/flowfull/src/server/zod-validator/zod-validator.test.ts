import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorEnvelope, handleError } from '../error-envelope/index.js';
import { zodValidator } from './index.js';

const body = z.object({ title: z.string().min(1), count: z.number().int().nonnegative() });

function app() {
  const a = new Hono();
  a.onError(handleError());
  a.use(errorEnvelope());
  a.post('/items', zodValidator('json', body), (c) => {
    const value = c.req.valid('json');
    return c.json({ title: value.title.toUpperCase(), count: value.count });
  });
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
});
