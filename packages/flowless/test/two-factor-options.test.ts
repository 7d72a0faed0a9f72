/**
 * Two-factor settings on libSQL: with TWO_FACTOR_ENABLED=false the routes answer as disabled and
 * login is not intercepted; with an SmsSender the sms method is offered and texts its codes; a
 * registration of a type that must use 2FA yields only a pending session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySmsSender } from '../src/sms/sms-sender.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

describe('Flowless with TWO_FACTOR_ENABLED=false', () => {
  let h: Harness;
  beforeAll(async () => {
    const handle = await freshDatabase('libsql', 'flowless_2fa_disabled');
    const on = await startFlowless(handle);
    await seedUser(on, { email: 'off@example.test', password: 'two factor off pw' });
    const sid = await login(on, 'off@example.test', 'two factor off pw');
    const setup = await call(on, 'POST', '/auth/two_factor/email/setup', { session: sid });
    await on.drain();
    const code = on.mailer.messages.at(-1)?.text.match(/code is (\d{6})/)?.[1];
    const done = await call(on, 'POST', '/auth/two_factor/verify', {
      session: sid,
      body: { methodId: setup.body.methodId, code, action: 'setup' },
    });
    expect(done.status).toBe(200);
    await on.close();
    h = await startFlowless(handle, { env: { TWO_FACTOR_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await h.close();
    await h.handle.db.destroy();
  });

  it('does not intercept the login of a user with an active factor', async () => {
    const res = await call(h, 'POST', '/auth/login', {
      body: { email: 'off@example.test', password: 'two factor off pw' },
    });
    expect(res.body).toMatchObject({ success: true });
    expect(res.body.requires_2fa).toBeUndefined();
  });

  it('answers the system route as disabled and every other route with TWO_FACTOR_DISABLED', async () => {
    expect((await call(h, 'GET', '/auth/two_factor/system')).body).toMatchObject({
      global_two_factor_enabled: false,
      available_methods: [],
    });
    const sid = await login(h, 'off@example.test', 'two factor off pw');
    for (const [method, path] of [
      ['GET', '/auth/two_factor/methods'],
      ['POST', '/auth/two_factor/totp/setup'],
      ['POST', '/auth/two_factor/email/start'],
      ['POST', '/auth/two_factor/verify'],
      ['POST', '/auth/two_factor/toggle'],
      ['DELETE', '/auth/two_factor/tfm_x'],
      ['POST', '/auth/two_factor/backup_codes'],
    ] as const) {
      const res = await call(h, method, path, {
        session: sid,
        ...(method !== 'GET' && { body: { code: '123456' } }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.code).toBe('TWO_FACTOR_DISABLED');
    }
  });
});

describe('Flowless with an SmsSender', () => {
  let h: Harness;
  const sms = createMemorySmsSender();
  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_2fa_sms'), { sms });
  });
  afterAll(async () => {
    await h.close();
    await h.handle.db.destroy();
  });

  it('offers sms, texts a code to the number and logs in with it', async () => {
    expect((await call(h, 'GET', '/auth/two_factor/system')).body.available_methods).toEqual([
      'totp',
      'email',
      'sms',
      'passkey',
      'backup_codes',
    ]);
    await seedUser(h, { email: 'texted@example.test', password: 'texted password 1' });
    const sid = await login(h, 'texted@example.test', 'texted password 1');
    expect(
      (await call(h, 'POST', '/auth/two_factor/sms/setup', { session: sid, body: { phone: 'not a phone' } }))
        .status,
    ).toBe(400);
    const setup = await call(h, 'POST', '/auth/two_factor/sms/setup', {
      session: sid,
      body: { phone: '+1 555 555 0123' },
    });
    expect(setup.body).toMatchObject({ method: 'sms', verificationSent: true });
    const code = () => sms.messages.at(-1)?.text.match(/code is (\d{6})/)?.[1] ?? '';
    expect(sms.messages.at(-1)?.to).toBe('+15555550123');
    expect(
      (
        await call(h, 'POST', '/auth/two_factor/verify', {
          session: sid,
          body: { method: 'sms', code: code(), action: 'setup' },
        })
      ).status,
    ).toBe(200);
    const pending = await call(h, 'POST', '/auth/login', {
      body: { email: 'texted@example.test', password: 'texted password 1' },
    });
    expect((pending.body.available_methods as { method: string; identifier: string }[])[0]).toMatchObject({
      method: 'sms',
      identifier: '***0123',
    });
    await call(h, 'POST', '/auth/two_factor/sms/start', { session: pending.body.session_id as string });
    const ok = await call(h, 'POST', '/auth/two_factor/verify', {
      session: pending.body.session_id as string,
      body: { method: 'sms', code: code() },
    });
    expect(ok.body).toMatchObject({ success: true, verified: true, session_activated: true });
  });
});

describe('Flowless registration for a user type that must use 2FA', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_2fa_register'), {
      env: { REQUIRE_EMAIL_VERIFICATION: 'false', TWO_FACTOR_REQUIRED_USER_TYPES: 'customer' },
    });
  });
  afterAll(async () => {
    await h.close();
    await h.handle.db.destroy();
  });

  it('answers a pending session sent to setup, which bridge validation refuses', async () => {
    const res = await call(h, 'POST', '/auth/register/public', {
      body: { email: 'must-2fa@example.test', password: 'must use two factor' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ requires_2fa: true, requires_2fa_setup: true, available_methods: [] });
    const refused = await call(h, 'POST', '/auth/bridge/validate', {
      headers: { 'x-bridge-secret': BRIDGE_SECRET },
      body: { session_id: res.body.session_id },
    });
    expect(refused.status).toBe(401);
    const setup = await call(h, 'POST', '/auth/two_factor/totp/setup', {
      session: res.body.session_id as string,
    });
    expect(setup.status).toBe(200);
  });
});
