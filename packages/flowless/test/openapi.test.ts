/**
 * `/openapi.json`: an OpenAPI 3.1 document listing every route the app registers, with bodies in
 * both casings; invalid bodies keep their contract answers (libSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRoutesOf } from '../src/pages/page-router.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

type Operation = {
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
  security?: unknown[];
};
type Document = {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
};

describe('Flowless OpenAPI document', () => {
  let h: Harness;
  let doc: Document;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_openapi'));
    await seedUser(h, { email: 'openapi@example.test', password: 'openapi-password-42', userType: 'user' });
    const res = await call(h, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body as unknown as Document;
  });
  afterAll(() => h.stop());

  it('serves an OpenAPI 3.1 document as JSON at /openapi.json', async () => {
    const res = await h.app.request('/openapi.json');
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Flowless');
  });

  it('lists every method and path the Hono app registers, and nothing it does not', () => {
    const registered = new Set(
      h.app.routes
        .filter((route) => route.method !== 'ALL')
        // The hosted HTML pages are for people, not API clients; pages-*.test.ts covers them.
        .filter((route) => !pageRoutesOf(h.app).has(`${route.method.toLowerCase()} ${route.path}`))
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path}`),
      ),
    );
    expect(registered.size).toBeGreaterThan(40);
    expect([...registered].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !registered.has(route))).toEqual([]);
  });

  it('documents body keys in both casings, path and query parameters, and session security', () => {
    const change = doc.paths['/auth/password-change/self']?.post;
    const props = change?.requestBody?.content['application/json'].schema.properties ?? {};
    expect(Object.keys(props)).toEqual(
      expect.arrayContaining(['current_password', 'currentPassword', 'new_password', 'newPassword']),
    );
    expect(change?.security).toEqual([{ session: [] }]);
    const register = doc.paths['/auth/register/public']?.post;
    const registerProps = register?.requestBody?.content['application/json'].schema.properties ?? {};
    expect(Object.keys(registerProps)).toEqual(expect.arrayContaining(['userName', 'user_name', 'lastName']));
    expect(registerProps).not.toHaveProperty('user_type');
    expect(doc.paths['/auth/users/{id}']?.patch?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(doc.paths['/auth/users']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['page', 'limit', 'user_type', 'userType']),
    );
  });

  it('keeps the answers to invalid bodies next to valid ones', async () => {
    const badLogin = await call(h, 'POST', '/auth/login', { body: { userName: 'someone' } });
    expect(badLogin.status).toBe(400);
    expect(badLogin.body.error).toBe('email or userName and password are required');

    const badRegister = await call(h, 'POST', '/auth/register/public', {
      body: { email: 'not-an-email', password: 'long enough password' },
    });
    expect(badRegister.status).toBe(400);
    expect(badRegister.body.code).toBe('ERR_FLOWLESS_BAD_REQUEST');
    expect(String(badRegister.body.error)).toMatch(/^Invalid email: /);

    const session = await login(h, 'openapi@example.test', 'openapi-password-42');
    const badChange = await call(h, 'POST', '/auth/password-change/self', {
      session,
      body: { currentPassword: 'openapi-password-42' },
    });
    expect(badChange.status).toBe(400);
    expect(String(badChange.body.error)).toMatch(/^Invalid new_password: /);
    expect(badChange.body.details).toEqual([expect.objectContaining({ field: 'new_password' })]);

    const goodChange = await call(h, 'POST', '/auth/password-change/self', {
      session,
      body: { currentPassword: 'openapi-password-42', newPassword: 'another openapi password' },
    });
    expect(goodChange.status).toBe(200);
  });
});
