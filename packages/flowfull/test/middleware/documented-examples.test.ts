import { BridgeValidator } from 'flowfull/bridge';
import { bridgeAuth, extractSessionId, requireAuth } from 'flowfull/middleware';
import { FlowlessContract } from 'flowfull/testing';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, describe, expect, it } from 'vitest';

const flowless = FlowlessContract.create({ sessions: { 'abc123...': { user_id: 'u-doc' } } });
const db = { getItemsForUser: async (userId: string) => [{ id: 1, owner: userId }] };

// The validator of docs/bridge-validation.md, with the URL and secret of the in-memory Flowless (reached through its fetch).
const bridgeValidator = new BridgeValidator({
  flowlessApiUrl: flowless.url,
  validationSecret: flowless.secret,
  timeout: 5000,
  retryAttempts: 3,
  fetch: flowless.fetch,
  revocationSource: 'off',
});
afterAll(() => bridgeValidator.close());

describe('the examples of docs/auth-middleware.md and docs/bridge-validation.md', () => {
  it('a route behind requireAuth() reads c.get("user_id")', async () => {
    const app = new Hono();
    app.use('*', bridgeAuth({ validator: bridgeValidator }));
    // Your Flowfull backend
    app.get('/api/items', requireAuth(), async (c) => {
      // Bridge Validation already happened!
      const userId = c.get('user_id'); // ✅ Authenticated user

      // Your business logic
      const items = await db.getItemsForUser(userId);
      return c.json({ items });
    });
    const response = await app.request('/api/items', { headers: { 'X-Session-ID': 'abc123...' } });
    expect(await response.json()).toEqual({ items: [{ id: 1, owner: 'u-doc' }] });
    expect((await app.request('/api/items')).status).toBe(401);
  });

  it('the validation flow written by hand', async () => {
    const app = new Hono();
    app.get('/flow', async (c) => {
      // 1. Extract session_id from request
      const sessionId = extractSessionId(c); // Header, Cookie, or Query

      // 2. Validate with cache-first
      const result = await bridgeValidator.validateSession(sessionId);

      // 3. Result
      if (result.success) {
        // Valid session - use result.session
        c.set('user_id', result.session.user_id);
        c.set('session', result.session);
      } else {
        // Invalid session - reject request
        throw new HTTPException(401, { message: result.error });
      }
      return c.json({ user: c.get('user_id') });
    });
    expect(await (await app.request('/flow?session_id=abc123...')).json()).toEqual({ user: 'u-doc' });
    const refused = await app.request('/flow', { headers: { cookie: 'session_id=nope' } });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('Invalid session');
  });
});
