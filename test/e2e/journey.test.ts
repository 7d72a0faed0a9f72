import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService, serviceUrls } from '../support/services.js';
import { E2eSystem, request, within } from './support/e2e-system.js';

describeWithService('redis', 'end to end: auth server and two starter instances sharing Redis', () => {
  const system = new E2eSystem({ REDIS_URL: serviceUrls.redis });
  const adminEmail = `admin-${randomUUID()}@example.com`;
  const adminPassword = `admin-${randomUUID()}`;
  let one: string;
  let two: string;

  beforeAll(async () => {
    await system.createAdmin(adminEmail, adminPassword);
    await system.startAuth();
    // One after the other: the first runs the migrations.
    one = (await system.startStarter()).url;
    two = (await system.startStarter()).url;
  }, 90_000);
  afterAll(async () => system.close(), 30_000);

  it('runs register → login → items (header, cookie, query) → isolation → admin delete → logout', async () => {
    const alice = await system.signUp('alice');
    const bob = await system.signUp('bob');

    const viaHeader = await request(`${one}/api/v1/items`, {
      method: 'POST',
      session: alice.sessionId,
      json: { title: 'private note' },
    });
    expect(viaHeader.status).toBe(201);
    const secret = viaHeader.body.data as { id: string; owner_id: string };
    expect(secret.owner_id).toBe(alice.userId);
    const viaCookie = await request(`${two}/api/v1/items`, {
      method: 'POST',
      cookie: `__Host-session_id=${alice.sessionId}`,
      origin: new URL(two).origin,
      json: { title: 'public note', is_public: true },
    });
    expect(viaCookie.status).toBe(201);
    const open = viaCookie.body.data as { id: string };
    const viaQuery = await request(`${one}/api/v1/items?session_id=${alice.sessionId}`, {
      method: 'POST',
      json: { title: 'query note' },
    });
    expect(viaQuery.status).toBe(201);

    const listed = await request(`${two}/api/v1/items?limit=100`, { session: alice.sessionId });
    expect((listed.body.items as { id: string }[]).map((i) => i.id)).toEqual(
      expect.arrayContaining([secret.id, open.id, (viaQuery.body.data as { id: string }).id]),
    );

    expect((await request(`${one}/bridge/items/${secret.id}`, { session: bob.sessionId })).status).toBe(404);
    const change = (id: string) =>
      request(`${two}/api/v1/items/${id}`, {
        method: 'PUT',
        session: bob.sessionId,
        json: { title: 'mine now' },
      });
    expect((await change(secret.id)).status).toBe(404);
    expect((await change(open.id)).status).toBe(403);
    expect(
      (await request(`${one}/api/v1/items/${open.id}`, { method: 'DELETE', session: bob.sessionId })).status,
    ).toBe(403);

    const admin = await system.login(adminEmail, adminPassword);
    expect((await request(`${one}/api/v1/protected`, { session: bob.sessionId })).status).toBe(200);
    const removed = await request(`${one}/api/v1/admin/users/${bob.userId}`, {
      method: 'DELETE',
      session: admin.sessionId,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.data).toMatchObject({ user_id: bob.userId, auth_user_deleted: true });
    expect(
      (
        await request(`${two}/api/v1/admin/users/${alice.userId}`, {
          method: 'DELETE',
          session: alice.sessionId,
        })
      ).status,
    ).toBe(403);
    const bobGone = await within(
      1000,
      async () => (await request(`${two}/api/v1/protected`, { session: bob.sessionId })).status === 401,
    );
    expect(bobGone).not.toBeNull();

    // Both instances hold a cached validation of Alice's session before she logs out.
    for (const url of [one, two]) {
      expect((await request(`${url}/api/v1/protected`, { session: alice.sessionId })).status).toBe(200);
    }
    const logout = await request(`${system.authUrl}/auth/logout`, {
      method: 'POST',
      session: alice.sessionId,
    });
    expect(logout.status).toBe(200);
    const elapsed = await Promise.all(
      [one, two].map((url) =>
        within(
          1000,
          async () => (await request(`${url}/api/v1/protected`, { session: alice.sessionId })).status === 401,
        ),
      ),
    );
    expect(elapsed).not.toContain(null);
  }, 60_000);
});
