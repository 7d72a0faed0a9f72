import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenChecksum, BridgeValidator } from '../../bridge/index.js';
import { FlowlessContractServer } from '../../testing/index.js';
import { bridgeAuth } from '../bridge-auth/index.js';
import { optionalAuth } from '../optional-auth/index.js';
import { requireAuth } from '../require-auth/index.js';
import { refuseApiTokens } from './index.js';

// A well-formed token (flowfull checks shape and checksum before asking Flowless).
const TOKEN_BODY = `flw_pat_${'Q'.repeat(43)}`;
const TOKEN = `${TOKEN_BODY}_${apiTokenChecksum(TOKEN_BODY)}`;
let flowless: FlowlessContractServer;
let validator: BridgeValidator;

beforeAll(async () => {
  flowless = await FlowlessContractServer.start({
    sessions: { 'sess-person': { user_id: 'u1' }, [TOKEN]: { user_id: 'u2', token_id: 'tok_1' } },
  });
  validator = new BridgeValidator({
    flowlessApiUrl: flowless.url,
    validationSecret: flowless.secret,
    retryAttempts: 0,
    validationMode: { mode: 'DISABLED' },
  });
});
afterAll(async () => {
  await validator.close();
  await flowless.close();
});

function app() {
  const ran: string[] = [];
  const hono = new Hono();
  hono.use('*', bridgeAuth({ validator }));
  const handler = (c: import('hono').Context) => {
    ran.push(c.get('user_id') ?? 'guest');
    return c.json({ ok: true });
  };
  hono.get('/people', optionalAuth(), refuseApiTokens(), handler);
  hono.get('/strict', requireAuth({ allowApiTokens: false }), handler);
  hono.get('/open', requireAuth(), (c) =>
    c.json({ auth_type: c.get('session').auth_type, id: c.get('session').token_id }),
  );
  return { hono, ran };
}

describe('refuseApiTokens()', () => {
  it('lets a session and a guest through', async () => {
    const { hono, ran } = app();
    expect((await hono.request('/people', { headers: { 'x-session-id': 'sess-person' } })).status).toBe(200);
    expect((await hono.request('/people')).status).toBe(200);
    expect(ran).toEqual(['u1', 'guest']);
  });

  it('answers an api_token principal 403 API_TOKEN_NOT_ALLOWED without running the handler', async () => {
    const { hono, ran } = app();
    const res = await hono.request('/people', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      success: false,
      error: 'Personal API tokens cannot be used here; sign in',
      code: 'API_TOKEN_NOT_ALLOWED',
    });
    expect(ran).toEqual([]);
  });
});

describe('requireAuth({ allowApiTokens })', () => {
  it('admits a token by default, with auth_type and token_id on the session', async () => {
    const res = await app().hono.request('/open', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ auth_type: 'api_token', id: 'tok_1' });
  });

  it('false refuses a token 403 and admits a session', async () => {
    const { hono, ran } = app();
    const refused = await hono.request('/strict', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'API_TOKEN_NOT_ALLOWED' });
    expect((await hono.request('/strict', { headers: { 'x-session-id': 'sess-person' } })).status).toBe(200);
    expect(ran).toEqual(['u1']);
  });

  it('answers a token with a bad checksum 401 SESSION_MALFORMED without asking Flowless', async () => {
    flowless.resetCounts();
    const bad = `${TOKEN_BODY}_${TOKEN.at(-8) === '0' ? '1' : '0'}${TOKEN.slice(-7)}`;
    const res = await app().hono.request('/open', { headers: { authorization: `Bearer ${bad}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'SESSION_MALFORMED' });
    expect(flowless.requests).toEqual([]);
  });

  it('throws a TypeError for a non-boolean allowApiTokens', () => {
    expect(() => requireAuth({ allowApiTokens: 'no' as unknown as boolean })).toThrow(TypeError);
  });
});
