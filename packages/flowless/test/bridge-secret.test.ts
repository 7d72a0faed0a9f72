/**
 * One bridge-secret rule on every route that asks for it: bridge validate and invalidate, and
 * public registration with `REGISTER_REQUIRES_BRIDGE_SECRET=true`. The secret comes in the
 * `X-Bridge-Secret` header or, without that header, as `bridge_secret` (`bridgeSecret`) in the
 * JSON body; a header, when sent, decides. The rule is HTTP-only, so libSQL.
 */
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

const REFUSED = {
  status: 401,
  body: {
    success: false,
    error: 'Invalid bridge secret',
    message: 'Invalid bridge secret',
    code: 'ERR_FLOWLESS_INVALID_BRIDGE_SECRET',
  },
};

/** Where the secret travels in one attempt. */
interface Carrier {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly body: Record<string, string>;
  readonly accepted: boolean;
}

const CARRIERS: readonly Carrier[] = [
  { name: 'the header', headers: { 'x-bridge-secret': BRIDGE_SECRET }, body: {}, accepted: true },
  { name: 'bridge_secret in the body', headers: {}, body: { bridge_secret: BRIDGE_SECRET }, accepted: true },
  { name: 'bridgeSecret in the body', headers: {}, body: { bridgeSecret: BRIDGE_SECRET }, accepted: true },
  { name: 'nothing', headers: {}, body: {}, accepted: false },
  { name: 'a wrong header', headers: { 'x-bridge-secret': `${BRIDGE_SECRET}x` }, body: {}, accepted: false },
  { name: 'a wrong body', headers: {}, body: { bridge_secret: BRIDGE_SECRET.slice(0, -1) }, accepted: false },
  {
    name: 'a wrong header with the right body',
    headers: { 'x-bridge-secret': 'wrong' },
    body: { bridge_secret: BRIDGE_SECRET },
    accepted: false,
  },
];

describe('the bridge secret', () => {
  let h: Harness;
  let sid: string;
  let registrations = 0;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_bridge_secret'), {
      env: { REGISTER_REQUIRES_BRIDGE_SECRET: 'true' },
    });
    await seedUser(h, { email: 'secret@example.test', password: 'bridge secret password' });
    sid = await login(h, 'secret@example.test', 'bridge secret password');
  });
  afterAll(async () => {
    await h.close();
    await h.handle.db.destroy();
  });

  it.each(CARRIERS)('is read alike by validate, invalidate and registration: $name', async (carrier) => {
    const send = (path: string, fields: Record<string, string>) =>
      call(h, 'POST', path, { headers: carrier.headers, body: { ...fields, ...carrier.body } });
    registrations += 1;
    const answers = {
      validate: await send('/auth/bridge/validate', { session_id: sid }),
      invalidate: await send('/auth/bridge/invalidate', { session_id: 'ses-unknown-id' }),
      register: await send('/auth/register/public', {
        email: `secret-${registrations}@example.test`,
        password: 'a long enough registration password',
        name: 'Secret',
      }),
    };
    if (!carrier.accepted) {
      for (const answer of Object.values(answers)) expect(answer).toMatchObject(REFUSED);
      return;
    }
    expect(answers.validate).toMatchObject({ status: 200, body: { valid: true } });
    expect(answers.invalidate).toMatchObject({ status: 200, body: { success: true, revoked: false } });
    expect(answers.register.status).toBe(201);
  });

  it('on the revocation feed, is read from the header (a GET has no body)', async () => {
    const missing = await h.app.request('/auth/bridge/revocations');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 'ERR_FLOWLESS_INVALID_BRIDGE_SECRET' });
  });
});
