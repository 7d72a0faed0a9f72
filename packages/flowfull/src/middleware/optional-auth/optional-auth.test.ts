import { Hono } from 'hono';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { useContractAuth } from '../../../test/support/index.js';
import { bridgeAuth } from '../bridge-auth/index.js';
import { optionalAuth } from './index.js';

const { flowless, validator } = useContractAuth({
  sessions: { 'sess-opt': { user_id: 'u7' } },
  validator: { retryAttempts: 0 },
});
const publicItems = [{ id: 'public' }];
// A guest's user_id is null; the example reads it only when is_guest is false.
const getUserItems = (userId: string | null) => [{ id: `mine-${userId}` }];

function itemsApp() {
  const app = new Hono();
  app.use('*', bridgeAuth({ validator }));
  // The documented example, unchanged.
  app.get('/api/v1/items', optionalAuth(), async (c) => {
    const isGuest = c.get('is_guest');

    if (isGuest) {
      // Return public items only
      return c.json({ items: publicItems });
    } else {
      // Return user-specific items
      const userId = c.get('user_id');
      return c.json({ items: getUserItems(userId) });
    }
  });
  return app;
}

describe('optionalAuth()', () => {
  it('serves an authenticated request as its user', async () => {
    const response = await itemsApp().request('/api/v1/items', { headers: { 'X-Session-ID': 'sess-opt' } });
    expect(await response.json()).toEqual({ items: [{ id: 'mine-u7' }] });
  });

  it('serves a request without a session as a guest', async () => {
    const response = await itemsApp().request('/api/v1/items');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: publicItems });
  });

  it('serves a request with an invalid or malformed session as a guest', async () => {
    for (const id of ['sess-nope', 'x'.repeat(300)]) {
      const response = await itemsApp().request('/api/v1/items', { headers: { 'X-Session-ID': id } });
      expect(await response.json()).toEqual({ items: publicItems });
    }
  });

  it('gives a guest a null user_id, typed string | null, and a signed-in request its id', async () => {
    const app = new Hono();
    app.use('*', bridgeAuth({ validator }));
    app.get('/whoami', optionalAuth(), (c) => {
      const userId = c.get('user_id');
      expectTypeOf(userId).toEqualTypeOf<string | null>();
      return c.json({ userId, guest: c.get('is_guest') });
    });
    expect(await (await app.request('/whoami')).json()).toEqual({ userId: null, guest: true });
    const invalid = await app.request('/whoami', { headers: { 'X-Session-ID': 'sess-nope' } });
    expect(await invalid.json()).toEqual({ userId: null, guest: true });
    const signedIn = await app.request('/whoami', { headers: { 'X-Session-ID': 'sess-opt' } });
    expect(await signedIn.json()).toEqual({ userId: 'u7', guest: false });
  });

  it('serves a guest when Flowless is unavailable', async () => {
    flowless.setFault('status-500');
    try {
      const response = await itemsApp().request('/api/v1/items', {
        headers: { 'X-Session-ID': 'sess-other' },
      });
      expect(await response.json()).toEqual({ items: publicItems });
    } finally {
      flowless.setFault(null);
    }
  });
});
