import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { extractSessionId, readSessionId } from './extract-session-id.js';

function appWith(sessionFromQuery = true) {
  const app = new Hono();
  app.get('/', (c) =>
    c.json({
      id: extractSessionId(c, {
        sessionFromQuery,
        sessionHeader: 'X-Session-ID',
        sessionCookies: ['session_id', 'sessionId'],
      }),
    }),
  );
  return app;
}

async function idOf(init: RequestInit = {}, path = '/', sessionFromQuery = true): Promise<string | null> {
  const response = await appWith(sessionFromQuery).request(path, init);
  return ((await response.json()) as { id: string | null }).id;
}

describe('extractSessionId()', () => {
  it('reads the X-Session-ID header', async () => {
    expect(await idOf({ headers: { 'X-Session-ID': 'from-header' } })).toBe('from-header');
  });

  it('reads the session_id cookie, then the sessionId cookie', async () => {
    expect(await idOf({ headers: { cookie: 'session_id=from-cookie' } })).toBe('from-cookie');
    expect(await idOf({ headers: { cookie: 'other=1; sessionId=camel-cookie' } })).toBe('camel-cookie');
  });

  it('by default reads the __Host-session_id cookie before the legacy session_id and sessionId', async () => {
    const app = new Hono();
    app.get('/', (c) => c.json({ id: extractSessionId(c) }));
    const idFor = async (cookie: string) =>
      ((await (await app.request('/', { headers: { cookie } })).json()) as { id: string | null }).id;
    expect(await idFor('session_id=legacy; __Host-session_id=host')).toBe('host');
    expect(await idFor('sessionId=older; session_id=legacy')).toBe('legacy');
    expect(await idFor('sessionId=older')).toBe('older');
  });

  it('reads ?session_id= by default and not when turned off', async () => {
    expect(await idOf({}, '/?session_id=from-query')).toBe('from-query');
    expect(await idOf({}, '/?session_id=from-query', false)).toBeNull();
  });

  it('reads Authorization: Bearer, in any case', async () => {
    expect(await idOf({ headers: { authorization: 'Bearer from-bearer' } })).toBe('from-bearer');
    expect(await idOf({ headers: { authorization: 'bearer lower' } })).toBe('lower');
    expect(await idOf({ headers: { authorization: 'Basic abc' } })).toBeNull();
  });

  it('follows the order header, cookie, query, bearer', async () => {
    const all = { 'X-Session-ID': 'h', cookie: 'session_id=c', authorization: 'Bearer b' };
    expect(await idOf({ headers: all }, '/?session_id=q')).toBe('h');
    expect(
      await idOf({ headers: { cookie: 'session_id=c', authorization: 'Bearer b' } }, '/?session_id=q'),
    ).toBe('c');
    expect(await idOf({ headers: { authorization: 'Bearer b' } }, '/?session_id=q')).toBe('q');
  });

  it('returns null when nothing carries a session id, or only empty values do', async () => {
    expect(await idOf()).toBeNull();
    expect(
      await idOf({ headers: { 'X-Session-ID': '', authorization: 'Bearer ' } }, '/?session_id='),
    ).toBeNull();
  });

  it('accepts 256 characters and refuses 257, without reading a later source', async () => {
    expect(await idOf({ headers: { 'X-Session-ID': 'a'.repeat(256) } })).toBe('a'.repeat(256));
    expect(await idOf({ headers: { 'X-Session-ID': 'a'.repeat(257) } })).toBeNull();
    expect(
      await idOf({ headers: { 'X-Session-ID': 'a'.repeat(257), cookie: 'session_id=from-cookie' } }),
    ).toBeNull();
    expect(await idOf({ headers: { authorization: `Bearer ${'b'.repeat(257)}` } })).toBeNull();
  });
});

describe('readSessionId()', () => {
  const app = new Hono();
  app.get('/', (c) => c.json({ found: readSessionId(c) }));
  const found = async (init: RequestInit = {}, path = '/') =>
    ((await (await app.request(path, init)).json()) as { found: unknown }).found;

  it('returns the id, or why there is none: missing or too_long', async () => {
    expect(await found({ headers: { cookie: 'sessionId=camel' } })).toBe('camel');
    expect(await found()).toEqual({ ok: false, reason: 'missing' });
    expect(await found({}, `/?session_id=${'q'.repeat(257)}`)).toEqual({ ok: false, reason: 'too_long' });
  });
});
