import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenApiRegistry } from './index.js';

const item = z.object({ id: z.string(), title: z.string(), is_public: z.boolean() });

function registry() {
  return new OpenApiRegistry({ title: 'Test API', version: '1.2.3' })
    .add({
      method: 'put',
      path: '/api/v1/items/:id',
      summary: 'Update an item',
      tags: ['items'],
      auth: 'required',
      params: z.object({ id: z.string().min(1) }),
      body: z.object({ title: z.string().min(1).max(200).optional() }),
      responses: {
        200: { description: 'Updated', schema: z.object({ success: z.literal(true), data: item }) },
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/items',
      summary: 'List items',
      auth: 'optional',
      query: z.object({ page: z.coerce.number().int().min(1).default(1), q: z.string().optional() }),
      responses: { 200: { description: 'A page' } },
    });
}

describe('OpenApiRegistry', () => {
  it('renders an OpenAPI 3.1 document with {param} paths, parameters, body and response schemas', () => {
    const doc = registry().document() as {
      openapi: string;
      info: unknown;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Test API', version: '1.2.3' });
    const put = doc.paths['/api/v1/items/{id}']?.put;
    expect(put?.security).toEqual([{ session: [] }]);
    expect(put?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
    ]);
    expect(put?.requestBody).toMatchObject({
      content: {
        'application/json': { schema: { type: 'object', properties: { title: { maxLength: 200 } } } },
      },
    });
    expect(JSON.stringify(put?.responses)).toContain('"is_public":{"type":"boolean"}');
  });

  it('marks query parameters with defaults or optional as not required and optional auth as such', () => {
    const get = (registry().document() as { paths: Record<string, Record<string, Record<string, unknown>>> })
      .paths['/api/v1/items']?.get;
    expect(get?.parameters).toMatchObject([
      { name: 'page', in: 'query', required: false },
      { name: 'q', in: 'query', required: false },
    ]);
    expect(get?.security).toEqual([{}, { session: [] }]);
  });

  it('serves the document from its handler', async () => {
    const { Hono } = await import('hono');
    const app = new Hono();
    app.get('/openapi.json', registry().handler());
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('requires a title and a version', () => {
    expect(() => new OpenApiRegistry({ title: '', version: '1' })).toThrow(TypeError);
  });
});
