/**
 * The default system (libSQL, no Redis), as `npm start` runs it: every way a session ends at the
 * auth server is honoured by the starter through the revocation feed — logout, ban, password
 * change — including when the revocation is made on a second auth server instance on the same
 * database, and when the auth server the starter listens to is killed while revocations are made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eSystem, request, within } from './support/e2e-system.js';

describe('end to end without Redis: revocations reach the starter through the feed', () => {
  const system = new E2eSystem();
  const adminEmail = 'feed-admin@example.com';
  const adminPassword = 'feed admin password 42';
  let starter: string;
  let replica: string;
  let admin: string;

  const protectedStatus = async (session: string): Promise<number> =>
    (await request(`${starter}/api/v1/protected`, { session })).status;
  const refusedWithin = (session: string, ms = 1000) =>
    within(ms, async () => (await protectedStatus(session)) === 401);

  beforeAll(async () => {
    await system.startAuth();
    await system.createAdmin(adminEmail, adminPassword);
    replica = (await system.startAuthReplica()).url;
    starter = (await system.startStarter()).url;
    admin = (await system.login(adminEmail, adminPassword)).sessionId;
  }, 90_000);
  afterAll(async () => system.close(), 30_000);

  it('a logout is refused by the starter within 1 s, and a logged-out id cannot create an item', async () => {
    const user = await system.signUp('logout');
    const sessions = [user.sessionId];
    for (let i = 0; i < 9; i++) sessions.push((await system.login(user.email, user.password)).sessionId);
    for (const session of sessions) expect(await protectedStatus(session)).toBe(200);
    for (const session of sessions) {
      expect((await request(`${system.authUrl}/auth/logout`, { method: 'POST', session })).status).toBe(200);
      expect(await refusedWithin(session)).not.toBeNull();
      const created = await request(`${starter}/bridge/items`, {
        method: 'POST',
        session,
        json: { title: 'x' },
      });
      expect(created.status).toBe(401);
    }
  }, 60_000);

  it('a ban and a password change are refused within 1 s', async () => {
    const banned = await system.signUp('banned');
    const changed = await system.signUp('changed');
    expect(await protectedStatus(banned.sessionId)).toBe(200);
    expect(await protectedStatus(changed.sessionId)).toBe(200);
    const ban = await request(`${system.authUrl}/auth/users/${banned.userId}`, {
      method: 'PUT',
      session: admin,
      json: { is_banned: true },
    });
    expect(ban.status).toBe(200);
    expect(await refusedWithin(banned.sessionId)).not.toBeNull();
    const change = await request(`${system.authUrl}/auth/password-change/self`, {
      method: 'POST',
      session: changed.sessionId,
      json: { current_password: changed.password, new_password: 'a brand new passphrase 77' },
    });
    expect(change.status).toBe(200);
    expect(await refusedWithin(changed.sessionId)).not.toBeNull();
  }, 60_000);

  it('a logout made at a second auth server on the same database reaches the starter within 1 s', async () => {
    const user = await system.signUp('replica');
    expect(await protectedStatus(user.sessionId)).toBe(200);
    const logout = await request(`${replica}/auth/logout`, { method: 'POST', session: user.sessionId });
    expect(logout.status).toBe(200);
    expect(await refusedWithin(user.sessionId)).not.toBeNull();
  }, 60_000);

  it('revocations made while the auth server is down are all honoured after it restarts', async () => {
    const users = await Promise.all(['k1', 'k2', 'k3'].map((name) => system.signUp(name)));
    for (const user of users) expect(await protectedStatus(user.sessionId)).toBe(200);
    await system.stopAuth();
    for (const user of users) {
      const res = await request(`${replica}/auth/logout`, { method: 'POST', session: user.sessionId });
      expect(res.status).toBe(200);
    }
    await system.startAuth();
    // The feed reconnects with its last event id and replays the three logouts.
    for (const user of users) expect(await refusedWithin(user.sessionId, 15_000)).not.toBeNull();
  }, 90_000);
});
