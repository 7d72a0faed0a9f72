/**
 * End to end through real processes (`flowless serve` and the starter): a personal API token
 * reaches the starter's protected route through Bridge Validation, a token with a bad checksum is
 * refused, a token cannot manage tokens at Flowless, and a revoked token is refused by the starter
 * within 1 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eSystem, request, within } from './support/e2e-system.js';

describe('end to end: a personal API token through the starter', () => {
  const system = new E2eSystem();
  let starter: string;

  beforeAll(async () => {
    await system.startAuth();
    starter = (await system.startStarter()).url;
  }, 90_000);
  afterAll(async () => system.close(), 30_000);

  it('admits a token, refuses a forged one and token management by a token, and honours a revocation within 1 s', async () => {
    const user = await system.signUp('tokenholder');
    const created = await request(`${system.authUrl}/auth/tokens`, {
      method: 'POST',
      session: user.sessionId,
      json: { name: 'e2e bot', currentPassword: user.password },
    });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    const tokenId = (created.body.token as { id: string }).id;
    expect(secret).toMatch(/^flw_pat_[A-Za-z0-9_-]{43}_[0-9a-f]{8}$/);

    const protectedRoute = (bearer: string) => request(`${starter}/api/v1/protected`, { bearer });
    const admitted = await protectedRoute(secret);
    expect(admitted.status).toBe(200);
    expect(admitted.body).toMatchObject({ message: 'Protected data', userId: user.userId });

    // One character of the checksum changed: refused without reaching a database.
    const last = secret.at(-1) === '0' ? '1' : '0';
    const forged = await protectedRoute(`${secret.slice(0, -1)}${last}`);
    expect(forged.status).toBe(401);

    const byToken = await request(`${system.authUrl}/auth/tokens`, {
      method: 'POST',
      bearer: secret,
      json: { name: 'child', currentPassword: user.password },
    });
    expect(byToken.status).toBe(403);
    expect(byToken.body).toMatchObject({ code: 'API_TOKEN_NOT_ALLOWED' });

    const revoked = await request(`${system.authUrl}/auth/tokens/${tokenId}`, {
      method: 'DELETE',
      session: user.sessionId,
    });
    expect(revoked.status).toBe(200);
    const refusedAfter = await within(1000, async () => (await protectedRoute(secret)).status === 401);
    expect(refusedAfter).not.toBeNull();
  });
});
