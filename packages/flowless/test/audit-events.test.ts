/**
 * The audit events of users' own actions, through a real Flowless app on PostgreSQL, MariaDB and
 * libSQL: each sign-in (password, email link, passkey, second factor) and failed sign-in, sign-up,
 * second-factor and passkey change, API token created or revoked, and password change writes
 * exactly one event with the right actor, subject and outcome, and never the password, code,
 * token or session id the request carried.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { frozenClock } from '../src/runtime/clock.js';
import { totpCodeAt } from '../src/two-factor/totp.js';
import { expectNoSecretStored, takeEvents, takeOneEvent } from './support/audit-events.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  signedInUser,
  startFlowless,
  tokenFromMail,
} from './support/flowless-harness.js';
import { type OfferedOptions, SoftAuthenticator } from './support/soft-authenticator.js';

const ORIGIN = 'https://app.example.test';
const AGENT = 'AuditTest/1.0';

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`audit events of users on ${dialect}`, () => {
    let h: Harness;
    const clock = frozenClock(Date.UTC(2035, 0, 1));
    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_audit_users'), { clock });
    });
    afterAll(async () => h.stop());
    beforeEach(async () => {
      await takeEvents(h);
    });

    it('a password sign-in records sign_in.succeeded; a wrong password and an unknown account sign_in.failed', async () => {
      const id = await seedUser(h, { email: 'pw@example.test', password: 'the right password' });
      const ok = await call(h, 'POST', '/auth/login', {
        body: { email: 'pw@example.test', password: 'the right password' },
        headers: { 'user-agent': AGENT },
      });
      const event = await takeOneEvent(h);
      expect(event).toMatchObject({
        action: 'sign_in.succeeded',
        outcome: 'success',
        actorUserId: id,
        subjectUserId: id,
        userAgent: AGENT,
        details: { method: 'password' },
      });
      await call(h, 'POST', '/auth/login', {
        body: { email: 'pw@example.test', password: 'a wrong password' },
      });
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'sign_in.failed',
        outcome: 'failure',
        actorUserId: null,
        subjectUserId: id,
        details: { method: 'password', reason: 'invalid_credentials' },
      });
      await call(h, 'POST', '/auth/login', {
        body: { email: 'nobody@example.test', password: 'pw typed by nobody' },
      });
      const unknown = await takeOneEvent(h);
      expect(unknown).toMatchObject({ subjectUserId: null, details: { reason: 'unknown_account' } });
      await expectNoSecretStored(h, [
        'the right password',
        'a wrong password',
        'pw typed by nobody',
        'nobody@example.test',
        ok.body.session_id as string,
      ]);
    });

    it('self-registration records sign_up', async () => {
      const res = await call(h, 'POST', '/auth/register/public', {
        body: { email: 'new@example.test', password: 'new user password 1' },
      });
      expect(res.status).toBe(201);
      const event = await takeOneEvent(h);
      expect(event).toMatchObject({ action: 'sign_up', outcome: 'success', details: { method: 'password' } });
      expect(event.actorUserId).toBe((await h.services.users.findByEmail('new@example.test'))?.id);
      await expectNoSecretStored(h, ['new user password 1']);
    });

    it('an email-link sign-in records sign_in.succeeded; a used link sign_in.failed', async () => {
      const id = await seedUser(h, { email: 'link@example.test', password: 'link user password' });
      await call(h, 'POST', '/auth/token/login', {
        body: { identifier: 'link@example.test', type: 'email' },
      });
      await h.drain();
      const token = tokenFromMail(h, 'link@example.test', 'token_login');
      expect((await call(h, 'POST', '/auth/token/login', { body: { token } })).status).toBe(200);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'sign_in.succeeded',
        actorUserId: id,
        details: { method: 'email_link' },
      });
      expect((await call(h, 'POST', '/auth/token/login', { body: { token } })).status).toBe(400);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'sign_in.failed',
        outcome: 'failure',
        details: { method: 'email_link', reason: 'invalid_token' },
      });
      await expectNoSecretStored(h, [token]);
    });

    it('TOTP: setup records two_factor.enabled and two_factor.method_added; a sign-in needs the code, a wrong one is sign_in.failed', async () => {
      const { id, session } = await signedInUser(h, {
        email: 'totp@example.test',
        password: 'totp user password',
      });
      await takeEvents(h);
      const setup = await call(h, 'POST', '/auth/two_factor/totp/setup', { session });
      const secret = setup.body.secret as string;
      const code = totpCodeAt(secret, clock.now());
      const verify = (sid: string, body: Record<string, unknown>) =>
        call(h, 'POST', '/auth/two_factor/verify', { session: sid, body });
      expect((await verify(session, { method_id: setup.body.method_id, code, action: 'setup' })).status).toBe(
        200,
      );
      const added = await takeEvents(h);
      expect(added.map((event) => [event.action, event.actorUserId, event.subjectUserId])).toEqual([
        ['two_factor.enabled', id, id],
        ['two_factor.method_added', id, id],
      ]);
      expect(added[1]?.details).toEqual({ method: 'totp' });

      const first = await call(h, 'POST', '/auth/login', {
        body: { email: 'totp@example.test', password: 'totp user password' },
      });
      const pendingId = first.body.session_id as string;
      expect(await takeEvents(h)).toEqual([]); // the first factor alone is no sign-in yet
      await verify(pendingId, { method: 'totp', code: '000000' });
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'sign_in.failed',
        outcome: 'failure',
        subjectUserId: id,
        details: { second_factor: 'totp', reason: 'invalid_code' },
      });
      clock.advance(30_000);
      const next = totpCodeAt(secret, clock.now());
      expect((await verify(pendingId, { method: 'totp', code: next })).status).toBe(200);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'sign_in.succeeded',
        actorUserId: id,
        details: { second_factor: 'totp' },
      });
      await expectNoSecretStored(h, [secret, code, next, pendingId]);
    });

    it('a passkey added, used to sign in and removed records passkey.added, sign_in.succeeded and passkey.removed', async () => {
      const { id, session } = await signedInUser(h, {
        email: 'pk@example.test',
        password: 'passkey user pw',
      });
      const authenticator = new SoftAuthenticator(ORIGIN);
      const setup = await call(h, 'POST', '/auth/two_factor/passkey/setup', { session, body: {} });
      const credential = authenticator.create(setup.body.options as OfferedOptions);
      const done = await call(h, 'POST', '/auth/two_factor/verify', {
        session,
        body: { method: 'passkey', action: 'setup', name: 'Laptop', credential },
      });
      expect(done.status).toBe(200);
      const events = await takeEvents(h);
      expect(events.map((event) => event.action)).toEqual([
        'sign_in.succeeded',
        'two_factor.enabled',
        'passkey.added',
      ]);
      expect(events[2]).toMatchObject({ actorUserId: id, subjectUserId: id, details: { method: 'passkey' } });

      const offered = await call(h, 'POST', '/auth/passkey/login/options', { body: {} });
      const signed = authenticator.get(offered.body.options as OfferedOptions);
      expect((await call(h, 'POST', '/auth/passkey/login', { body: { credential: signed } })).status).toBe(
        200,
      );
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'sign_in.succeeded',
        details: { method: 'passkey' },
      });

      const methods = await call(h, 'GET', '/auth/two_factor/methods', { session });
      const passkey = (methods.body.methods as { id: string; method: string }[]).find(
        (m) => m.method === 'passkey',
      );
      const removed = await call(h, 'DELETE', `/auth/two_factor/${passkey?.id}`, {
        session,
        body: { current_password: 'passkey user pw' },
      });
      expect(removed.status).toBe(200);
      const after = await takeEvents(h);
      expect(after.map((event) => event.action)).toEqual(['passkey.removed', 'two_factor.disabled']);
      await expectNoSecretStored(h, ['passkey user pw', session]);
    });

    it('API tokens: creation and revocation record api_token.created and api_token.revoked, never the secret', async () => {
      const { id, session } = await signedInUser(h, {
        email: 'tok@example.test',
        password: 'token user password',
      });
      await takeEvents(h);
      const created = await call(h, 'POST', '/auth/tokens', {
        session,
        body: { name: 'deploy', current_password: 'token user password' },
      });
      expect(created.status).toBe(201);
      const tokenId = (created.body.token as { id: string }).id;
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'api_token.created',
        actorUserId: id,
        details: { token_id: tokenId, token_name: 'deploy' },
      });
      await expectNoSecretStored(h, [created.body.secret as string, 'token user password']);
      expect((await call(h, 'DELETE', `/auth/tokens/${tokenId}`, { session })).status).toBe(200);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'api_token.revoked',
        details: { token_id: tokenId },
      });
    });

    it('a password change records password.changed, never either password', async () => {
      const { id, session } = await signedInUser(h, {
        email: 'chg@example.test',
        password: 'old password one',
      });
      await takeEvents(h);
      const res = await call(h, 'POST', '/auth/password-change/self', {
        session,
        body: { current_password: 'old password one', new_password: 'brand new password two' },
      });
      expect(res.status).toBe(200);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'password.changed',
        actorUserId: id,
        subjectUserId: id,
        details: { method: 'self' },
      });
      await expectNoSecretStored(h, [
        'old password one',
        'brand new password two',
        res.body.session_id as string,
      ]);
      expect(await login(h, 'chg@example.test', 'brand new password two')).toEqual(expect.any(String));
    });
  });
}
