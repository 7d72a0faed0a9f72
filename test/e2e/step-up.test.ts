/**
 * End to end through real processes (`flowless serve` and the starter): the starter's step-up
 * route, guarded by `requireTwoFactor()`, refuses a session that did not pass a second factor
 * (403 TWO_FACTOR_REQUIRED) and admits one that did, whether the factor was set up on it or
 * verified at sign-in; a pending session is refused outright.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../packages/flowless/src/two-factor/totp.js';
import { E2eSystem, request, within } from './support/e2e-system.js';

describe('end to end: a step-up route behind requireTwoFactor()', () => {
  const system = new E2eSystem();
  let starter: string;

  beforeAll(async () => {
    await system.startAuth();
    starter = (await system.startStarter()).url;
  }, 90_000);
  afterAll(async () => system.close(), 30_000);

  it('refuses a session that skipped the second factor and admits sessions that passed it', async () => {
    const user = await system.signUp('stepper');
    const other = await system.login(user.email, user.password);
    const stepUp = (session: string) => request(`${starter}/api/v1/protected/step-up`, { session });
    expect((await request(`${starter}/api/v1/protected`, { session: other.sessionId })).status).toBe(200);

    // TOTP is set up on the first session, which is thereby verified; the other one is not.
    const setup = await request(`${system.authUrl}/auth/two_factor/totp/setup`, {
      method: 'POST',
      session: user.sessionId,
      json: {},
    });
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    const activated = await request(`${system.authUrl}/auth/two_factor/verify`, {
      method: 'POST',
      session: user.sessionId,
      json: { method_id: setup.body.method_id, code: totpCodeAt(secret, Date.now()), action: 'setup' },
    });
    expect(activated.status).toBe(200);

    const skipped = await stepUp(other.sessionId);
    expect(skipped.status).toBe(403);
    expect(skipped.body).toMatchObject({ success: false, code: 'TWO_FACTOR_REQUIRED' });
    const passed = await stepUp(user.sessionId);
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({
      message: 'Step-up data',
      userId: user.userId,
      twoFactorMethods: ['totp'],
    });

    // A password alone now yields a pending session, refused by the starter altogether.
    const login = await request(`${system.authUrl}/auth/login`, {
      method: 'POST',
      json: { email: user.email, password: user.password },
    });
    expect(login.body.requires_2fa).toBe(true);
    const pending = login.body.session_id as string;
    expect((await stepUp(pending)).status).toBe(401);
    // The next step's code (one step of skew is accepted; the setup step is spent).
    const verified = await request(`${system.authUrl}/auth/two_factor/verify`, {
      method: 'POST',
      session: pending,
      json: { method: 'totp', code: totpCodeAt(secret, Date.now() + 30_000) },
    });
    expect(verified.status).toBe(200);
    // The starter remembers the refused id for BRIDGE_NEGATIVE_CACHE_TTL_MS (5 s), then admits it.
    const admittedAfter = await within(7000, async () => (await stepUp(pending)).status === 200);
    expect(admittedAfter).not.toBeNull();
    expect((await stepUp(pending)).body.twoFactorMethods).toEqual(['totp']);
  });
});
