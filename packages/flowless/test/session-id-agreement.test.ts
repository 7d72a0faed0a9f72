/**
 * Flowless and a Flowfull backend read the session id of a request alike: the same table of
 * requests (header, cookies, query, bearer, combinations, over-long and empty values) is sent to
 * Flowless's `GET /auth/validation` and to a Flowfull app guarded by `requireAuth()`, whose bridge
 * validator asks the same Flowless. Two users' sessions tell which id each server picked. The rule
 * is HTTP-only, so libSQL.
 */
import { BridgeValidator } from 'flowfull/bridge';
import { bridgeAuth, requireAuth } from 'flowfull/middleware';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'agreement password';

/** One request: headers and query string; `expected` names the user whose session must be read. */
interface Row {
  readonly name: string;
  readonly headers: (ids: Ids) => Record<string, string>;
  readonly query?: (ids: Ids) => string;
  readonly expected: 'a' | 'b' | 'refused';
}
type Ids = { readonly a: string; readonly b: string };

const LONG = 'x'.repeat(257);

const ROWS: readonly Row[] = [
  { name: 'header', headers: ({ a }) => ({ 'x-session-id': a }), expected: 'a' },
  { name: 'session_id cookie', headers: ({ a }) => ({ cookie: `session_id=${a}` }), expected: 'a' },
  { name: 'sessionId cookie', headers: ({ a }) => ({ cookie: `other=1; sessionId=${a}` }), expected: 'a' },
  { name: 'query', headers: () => ({}), query: ({ a }) => a, expected: 'a' },
  { name: 'bearer', headers: ({ a }) => ({ authorization: `Bearer ${a}` }), expected: 'a' },
  { name: 'lower-case bearer', headers: ({ a }) => ({ authorization: `bearer ${a}` }), expected: 'a' },
  {
    name: 'header before cookie',
    headers: ({ a, b }) => ({ 'x-session-id': a, cookie: `session_id=${b}` }),
    expected: 'a',
  },
  {
    name: 'session_id cookie before sessionId cookie',
    headers: ({ a, b }) => ({ cookie: `sessionId=${b}; session_id=${a}` }),
    expected: 'a',
  },
  {
    name: 'cookie before query',
    headers: ({ a }) => ({ cookie: `session_id=${a}` }),
    query: ({ b }) => b,
    expected: 'a',
  },
  {
    name: 'query before bearer',
    headers: ({ b }) => ({ authorization: `Bearer ${b}` }),
    query: ({ a }) => a,
    expected: 'a',
  },
  {
    name: 'empty header, then cookie',
    headers: ({ b }) => ({ 'x-session-id': '', cookie: `session_id=${b}` }),
    expected: 'b',
  },
  { name: 'nothing', headers: () => ({}), expected: 'refused' },
  {
    name: 'only empty values',
    headers: () => ({ 'x-session-id': '', cookie: 'session_id=', authorization: 'Bearer ' }),
    query: () => '',
    expected: 'refused',
  },
  { name: 'another scheme', headers: ({ a }) => ({ authorization: `Basic ${a}` }), expected: 'refused' },
  { name: 'over-long header', headers: () => ({ 'x-session-id': LONG }), expected: 'refused' },
  {
    name: 'over-long header before a good cookie',
    headers: ({ a }) => ({ 'x-session-id': LONG, cookie: `session_id=${a}` }),
    expected: 'refused',
  },
  {
    name: 'far over-long header (600) before a good cookie',
    headers: ({ a }) => ({ 'x-session-id': 'x'.repeat(600), cookie: `session_id=${a}` }),
    expected: 'refused',
  },
  { name: 'over-long cookie', headers: () => ({ cookie: `session_id=${LONG}` }), expected: 'refused' },
  { name: 'over-long query', headers: () => ({}), query: () => LONG, expected: 'refused' },
  { name: 'over-long bearer', headers: () => ({ authorization: `Bearer ${LONG}` }), expected: 'refused' },
];

describe('the session id of a request, read by Flowless and by a Flowfull backend', () => {
  let h: Harness;
  let validator: BridgeValidator;
  let flowfull: Hono;
  const ids = { a: '', b: '' };
  const users = { a: '', b: '' };

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_session_id_agreement'));
    users.a = await seedUser(h, { email: 'agree-a@example.test', password: PASSWORD });
    users.b = await seedUser(h, { email: 'agree-b@example.test', password: PASSWORD });
    ids.a = await login(h, 'agree-a@example.test', PASSWORD);
    ids.b = await login(h, 'agree-b@example.test', PASSWORD);
    validator = new BridgeValidator({
      flowlessApiUrl: 'http://flowless.test',
      validationSecret: BRIDGE_SECRET,
      retryAttempts: 0,
      revocationSource: 'off',
      validationMode: { mode: 'DISABLED' },
      fetch: (input, init) => Promise.resolve(h.app.request(String(input), init)),
    });
    flowfull = new Hono();
    flowfull.use('*', bridgeAuth({ validator }));
    flowfull.get('/whoami', requireAuth(), (c) => c.json({ user_id: c.get('user_id') }));
  });
  afterAll(async () => {
    await validator.close();
    await h.close();
    await h.handle.db.destroy();
  });

  it('uses two live sessions of two users', () => {
    expect(ids.a).toMatch(/^[\w-]{43}$/);
    expect(ids.b).not.toBe(ids.a);
  });

  it.each(ROWS)('agree on: $name', async (row) => {
    const query = row.query === undefined ? '' : `?session_id=${encodeURIComponent(row.query(ids))}`;
    const headers = row.headers(ids);
    const byFlowless = await call(h, 'GET', `/auth/validation${query}`, { headers });
    const byFlowfull = await flowfull.request(`/whoami${query}`, { headers });
    const flowfullBody = (await byFlowfull.json()) as { user_id?: string };
    const seen = {
      flowless: byFlowless.status === 200 ? (byFlowless.body.user as { id: string }).id : byFlowless.status,
      flowfull: byFlowfull.status === 200 ? flowfullBody.user_id : byFlowfull.status,
    };
    const expected = row.expected === 'refused' ? 401 : users[row.expected];
    expect(seen).toEqual({ flowless: expected, flowfull: expected });
  });
});
