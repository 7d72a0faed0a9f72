/**
 * Personal API tokens on PostgreSQL, MariaDB and libSQL: creation needs a signed-in session and a
 * fresh proof (password or second-factor code) and shows the secret once; only its SHA-256 and a
 * display prefix are stored; the list never shows secrets; revocation writes the outbox; bridge
 * validation answers `auth_type: 'api_token'`, refuses revoked, expired and banned tokens, checks
 * the checksum before any look-up, rate-limits refusals per IP and writes `last_used_at` at most
 * once a minute; a token cannot manage tokens, passwords, email, second factors or sessions.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialectServices, TEST_DIALECTS } from '#test-support/databases.js';
import { describeWithServices } from '#test-support/services.js';
import { createApiTokenCache } from '../src/api-tokens/api-token-cache.js';
import { createApiTokenService } from '../src/api-tokens/api-token-service.js';
import { createApiTokenStore } from '../src/api-tokens/api-token-store.js';
import { frozenClock } from '../src/runtime/clock.js';
import { sha256Hex } from '../src/secrets/opaque-secret.js';
import { noRevocationPublisher } from '../src/sessions/revocation-publisher.js';
import { totpCodeAt } from '../src/two-factor/totp.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'api token test password';
const MINUTE = 60_000;

for (const dialect of TEST_DIALECTS) {
  describeWithServices(dialectServices(dialect), `personal API tokens on ${dialect}`, () => {
    const clock = frozenClock(Date.UTC(2035, 0, 1));
    let h: Harness;
    let admin: string;
    let counter = 0;

    const person = async () => {
      const email = `token-${++counter}@example.test`;
      const id = await seedUser(h, { email, password: PASSWORD });
      return { id, email, session: await login(h, email, PASSWORD) };
    };
    const create = (session: string, body: Record<string, unknown>) =>
      call(h, 'POST', '/auth/tokens', { session, body });
    const mint = async (session: string, body: Record<string, unknown> = {}) => {
      const res = await create(session, { name: 'deploy', current_password: PASSWORD, ...body });
      expect(res.status).toBe(201);
      return { secret: res.body.secret as string, token: res.body.token as Record<string, unknown> };
    };
    const validate = (token: string, ip?: string) =>
      call(h, 'POST', '/auth/bridge/validate', {
        headers: { 'x-bridge-secret': BRIDGE_SECRET },
        body: { session_id: token, ...(ip && { ip }) },
      });
    const tokenRow = (id: unknown) =>
      h.handle.db.selectFrom('tokens').selectAll().where('id', '=', String(id)).executeTakeFirst();

    beforeAll(async () => {
      const handle = await freshDatabase(dialect, 'flowless_api_tokens');
      h = await startFlowless(handle, {
        clock,
        env: { API_TOKEN_MAX_PER_USER: '3', RATE_LIMIT_API_TOKEN_REFUSALS_MAX: '4' },
      });
      await seedUser(h, { email: 'token-admin@example.test', password: PASSWORD, userType: 'admin' });
      admin = await login(h, 'token-admin@example.test', PASSWORD);
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
    });

    it('POST /auth/tokens shows a flw_pat_ secret once and stores only its SHA-256 and display prefix', async () => {
      const u = await person();
      const res = await create(u.session, { name: 'ci runner', currentPassword: PASSWORD });
      expect(res.status).toBe(201);
      const secret = res.body.secret as string;
      expect(secret).toMatch(/^flw_pat_[A-Za-z0-9_-]{43}_[0-9a-f]{8}$/);
      expect(res.body.token).toEqual({
        id: expect.stringMatching(/^tok_/),
        name: 'ci runner',
        prefix: secret.slice(0, 12),
        created_at: new Date(clock.now()).toISOString(),
        createdAt: new Date(clock.now()).toISOString(),
        expires_at: null,
        expiresAt: null,
        last_used_at: null,
        lastUsedAt: null,
      });
      const row = await tokenRow((res.body.token as { id: string }).id);
      expect(row).toMatchObject({
        user_id: u.id,
        token_hash: sha256Hex(secret),
        token_prefix: secret.slice(0, 12),
      });
      expect(JSON.stringify(row)).not.toContain(secret.slice(12));
      const list = await call(h, 'GET', '/auth/tokens', { session: u.session });
      expect(list.status).toBe(200);
      expect(list.body.tokens).toEqual([res.body.token]);
      expect(JSON.stringify(list.body)).not.toContain(secret);
    });

    it('needs a fresh proof: none is 400 PROOF_REQUIRED, a wrong password 400, a TOTP code works', async () => {
      const u = await person();
      const none = await create(u.session, { name: 'x' });
      expect(none.status).toBe(400);
      expect(none.body.code).toBe('PROOF_REQUIRED');
      const wrong = await create(u.session, { name: 'x', current_password: 'not the password' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toBe('Current password is incorrect');
      const setup = await call(h, 'POST', '/auth/two_factor/totp/setup', { session: u.session });
      const secret = setup.body.secret as string;
      const methodId = setup.body.method_id as string;
      clock.advance(30_000);
      const enrolled = await call(h, 'POST', '/auth/two_factor/verify', {
        session: u.session,
        body: { method_id: methodId, code: totpCodeAt(secret, clock.now()), action: 'setup' },
      });
      expect(enrolled.status).toBe(200);
      clock.advance(30_000);
      const byCode = await create(u.session, {
        name: 'by code',
        verificationCode: totpCodeAt(secret, clock.now()),
        verificationMethodId: methodId,
      });
      expect(byCode.status).toBe(201);
      const badCode = await create(u.session, {
        name: 'bad code',
        verification_code: '000000',
        verification_method_id: methodId,
      });
      expect(badCode.status).toBe(400);
      expect(badCode.body.code).toBe('INVALID_CODE');
    });

    it('refuses a bad name, an expiry in the past, no session, and more than API_TOKEN_MAX_PER_USER tokens', async () => {
      const u = await person();
      expect((await create(u.session, { name: '', current_password: PASSWORD })).status).toBe(400);
      const past = await create(u.session, {
        name: 'old',
        current_password: PASSWORD,
        expires_at: new Date(clock.now() - 1000).toISOString(),
      });
      expect(past.status).toBe(400);
      expect(past.body.error).toBe('expires_at must be in the future');
      const anonymous = await call(h, 'POST', '/auth/tokens', {
        body: { name: 'x', current_password: PASSWORD },
      });
      expect(anonymous.status).toBe(401);
      for (let i = 0; i < 3; i++) await mint(u.session, { name: `t${i}` });
      const fourth = await create(u.session, { name: 'one too many', current_password: PASSWORD });
      expect(fourth.status).toBe(409);
      expect(fourth.body.code).toBe('TOKEN_LIMIT_REACHED');
    });

    it('bridge validation answers auth_type api_token with the token id, user and expiry', async () => {
      const u = await person();
      const expiresAt = new Date(clock.now() + 10 * MINUTE).toISOString();
      const { secret, token } = await mint(u.session, { expiresAt });
      const res = await validate(secret);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        success: true,
        valid: true,
        auth_type: 'api_token',
        token_id: token.id,
        user: expect.objectContaining({ id: u.id, email: u.email }),
        session: expect.objectContaining({ user_id: u.id, auth_type: 'api_token', token_id: token.id }),
        expires_at: expiresAt,
        cached: false,
      });
      expect((await validate(secret)).body.cached).toBe(true);
      const bySession = await validate(u.session);
      expect(bySession.body.auth_type).toBe('session');
    });

    it('refuses an expired token as "Session expired" once the clock passes its expiry', async () => {
      const u = await person();
      const { secret } = await mint(u.session, { expires_at: clock.now() + MINUTE });
      expect((await validate(secret)).status).toBe(200);
      clock.advance(MINUTE);
      const res = await validate(secret);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ valid: false, error: 'Session expired', reason: 'API_TOKEN_EXPIRED' });
    });

    it("DELETE /auth/tokens/:id revokes for good, writes the outbox row, and answers 404 for others' tokens", async () => {
      const u = await person();
      const stranger = await person();
      const { secret, token } = await mint(u.session);
      expect((await validate(secret)).status).toBe(200);
      const foreign = await call(h, 'DELETE', `/auth/tokens/${token.id}`, { session: stranger.session });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('TOKEN_NOT_FOUND');
      const res = await call(h, 'DELETE', `/auth/tokens/${token.id}`, { session: u.session });
      expect(res.status).toBe(200);
      const refused = await validate(secret);
      expect(refused.status).toBe(401);
      expect(refused.body.reason).toBe('API_TOKEN_INVALID');
      const outbox = await h.handle.db
        .selectFrom('revocation_events')
        .selectAll()
        .where('session_hash', '=', sha256Hex(secret))
        .execute();
      expect(outbox).toEqual([expect.objectContaining({ type: 'session.revoked' })]);
      expect((await call(h, 'DELETE', `/auth/tokens/${token.id}`, { session: u.session })).status).toBe(404);
    });

    it("refuses a banned user's cached token at once", async () => {
      const u = await person();
      const { secret } = await mint(u.session);
      expect((await validate(secret)).body.cached).toBe(false);
      expect((await validate(secret)).body.cached).toBe(true);
      await call(h, 'PUT', `/auth/users/${u.id}`, { session: admin, body: { is_banned: true } });
      expect((await validate(secret)).status).toBe(401);
    });

    it('a token cannot manage tokens, the password, the email, second factors or sessions (403)', async () => {
      const u = await person();
      const { secret, token } = await mint(u.session);
      const asToken = { headers: { authorization: `Bearer ${secret}` } };
      const attempts: [string, string, unknown][] = [
        ['POST', '/auth/tokens', { name: 'x', current_password: PASSWORD }],
        ['GET', '/auth/tokens', undefined],
        ['DELETE', `/auth/tokens/${token.id}`, undefined],
        ['POST', '/auth/password-change/self', { current_password: PASSWORD, new_password: 'x'.repeat(20) }],
        ['PUT', '/auth/user/me', { email: 'new@example.test' }],
        ['POST', '/auth/two_factor/toggle', { enabled: false, current_password: PASSWORD }],
        ['POST', '/auth/two_factor/totp/setup', undefined],
        ['GET', '/auth/sessions', undefined],
        ['DELETE', '/auth/sessions', { current_password: PASSWORD }],
      ];
      for (const [method, path, body] of attempts) {
        const res = await call(h, method, path, { ...asToken, ...(body !== undefined && { body }) });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.code, `${method} ${path}`).toBe('API_TOKEN_NOT_ALLOWED');
      }
      expect((await validate(secret)).status).toBe(200);
    });

    it('checks the checksum before any look-up and writes last_used_at at most once a minute', async () => {
      const u = await person();
      const store = createApiTokenStore(h.handle.db);
      let lookups = 0;
      const counted = {
        ...store,
        findByHash: (hash: string) => {
          lookups++;
          return store.findByHash(hash);
        },
      };
      const service = createApiTokenService({
        store: counted,
        cache: createApiTokenCache({ now: () => clock.now() }),
        revocations: noRevocationPublisher,
        clock,
        tasks: h.services.tasks,
        maxPerUser: 10,
      });
      const created = await service.create(u.id, { name: 'direct', expiresAt: null });
      const secret = created?.secret ?? '';
      const badChecksum = `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`;
      expect(await service.validate(badChecksum)).toEqual({ ok: false, reason: 'malformed' });
      expect(await service.validate('flw_pat_x')).toEqual({ ok: false, reason: 'malformed' });
      expect(lookups).toBe(0);
      const first = clock.now();
      expect((await service.validate(secret)).ok).toBe(true);
      await h.drain();
      expect(Number((await tokenRow(created?.token.id))?.last_used_at)).toBe(first);
      clock.advance(MINUTE - 1);
      await service.validate(secret);
      await h.drain();
      expect(Number((await tokenRow(created?.token.id))?.last_used_at)).toBe(first);
      clock.advance(1);
      await service.validate(secret);
      await h.drain();
      expect(Number((await tokenRow(created?.token.id))?.last_used_at)).toBe(first + MINUTE);
      expect(lookups).toBe(1);
      const listed = await call(h, 'GET', '/auth/tokens', { session: u.session });
      expect((listed.body.tokens as { last_used_at: string }[])[0]?.last_used_at).toBe(
        new Date(first + MINUTE).toISOString(),
      );
    });

    it('rate-limits refusals per IP: past the limit, uncached tokens from that IP are refused unread', async () => {
      const u = await person();
      const { secret } = await mint(u.session);
      const unknown = `flw_pat_${'A'.repeat(43)}_${'0'.repeat(8)}`;
      for (let i = 0; i < 4; i++) expect((await validate(unknown, '198.51.100.7')).status).toBe(401);
      const limited = await validate(secret, '198.51.100.7');
      expect(limited.status).toBe(401);
      expect(limited.body.reason).toBe('API_TOKEN_RATE_LIMITED');
      expect((await validate(secret, '198.51.100.8')).status).toBe(200);
      clock.advance(MINUTE + 1000);
      expect((await validate(secret, '198.51.100.7')).status).toBe(200);
    });
  });
}
