/**
 * Session management on PostgreSQL, MariaDB and libSQL: `GET /auth/sessions` lists the user's
 * active sessions (device, IP, user agent, created, last seen, current); `DELETE /auth/sessions/:id`
 * ends the current one freely and another with a fresh proof; `DELETE /auth/sessions` ends all
 * others with a proof; admins end one or all sessions of a user; every ending writes the outbox.
 * Idle timeout and absolute lifetime on a controlled clock.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialectServices, TEST_DIALECTS } from '#test-support/databases.js';
import { describeWithServices } from '#test-support/services.js';
import { frozenClock } from '../src/runtime/clock.js';
import { sha256Hex } from '../src/secrets/opaque-secret.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'session management password';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Listed = {
  id: string;
  current: boolean;
  device_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  userAgent: string | null;
  created_at: string;
  last_seen_at: string;
  lastSeenAt: string;
};

for (const dialect of TEST_DIALECTS) {
  describeWithServices(dialectServices(dialect), `session management on ${dialect}`, () => {
    const clock = frozenClock(Date.UTC(2036, 0, 1));
    let h: Harness;
    let admin: string;
    let counter = 0;

    const person = async (userType = 'customer') => {
      const email = `sessions-${++counter}@example.test`;
      const id = await seedUser(h, { email, password: PASSWORD, userType });
      return { id, email, session: await login(h, email, PASSWORD) };
    };
    const signIn = async (email: string, device: string, agent: string) => {
      const res = await call(h, 'POST', '/auth/login', {
        body: { email, password: PASSWORD, deviceId: device },
        headers: { 'user-agent': agent },
      });
      return res.body.session_id as string;
    };
    const list = async (session: string): Promise<Listed[]> => {
      const res = await call(h, 'GET', '/auth/sessions', { session });
      expect(res.status).toBe(200);
      return res.body.sessions as Listed[];
    };
    const valid = async (session: string) =>
      (
        await call(h, 'POST', '/auth/bridge/validate', {
          headers: { 'x-bridge-secret': BRIDGE_SECRET },
          body: { session_id: session },
        })
      ).status === 200;
    const outboxHas = async (hash: string) =>
      (
        await h.handle.db
          .selectFrom('revocation_events')
          .select('id')
          .where('session_hash', '=', hash)
          .execute()
      ).length === 1;

    beforeAll(async () => {
      const handle = await freshDatabase(dialect, 'flowless_session_management');
      h = await startFlowless(handle, {
        clock,
        env: { SESSION_IDLE_TIMEOUT_MS: String(HOUR), SESSION_ABSOLUTE_LIFETIME_MS: String(3 * HOUR) },
      });
      await seedUser(h, { email: 'sessions-admin@example.test', password: PASSWORD, userType: 'admin' });
      admin = await login(h, 'sessions-admin@example.test', PASSWORD);
    });
    afterAll(async () => {
      await h.close();
      await h.handle.db.destroy();
    });

    it('GET /auth/sessions lists device, IP, user agent, created, last seen and which is current', async () => {
      const u = await person();
      clock.advance(MINUTE);
      const phone = await signIn(u.email, 'phone-1', 'PhoneApp/2.0');
      const sessions = await list(phone);
      expect(sessions).toHaveLength(2);
      const current = sessions.find((s) => s.current);
      expect(current).toMatchObject({
        device_id: 'phone-1',
        user_agent: 'PhoneApp/2.0',
        userAgent: 'PhoneApp/2.0',
        created_at: new Date(clock.now()).toISOString(),
        last_seen_at: new Date(clock.now()).toISOString(),
      });
      expect(current?.id).toMatch(/^ses_/);
      expect(sessions.filter((s) => !s.current)).toHaveLength(1);
      expect(JSON.stringify(sessions)).not.toContain(phone);
      expect(JSON.stringify(sessions)).not.toContain(sha256Hex(phone));
      const others = await list(u.session);
      expect(others.find((s) => s.current)?.id).not.toBe(current?.id);
      expect((await list(admin)).map((s) => s.id)).not.toContain(current?.id);
    });

    it('DELETE /auth/sessions/:id ends the current session without a proof', async () => {
      const u = await person();
      const [mine] = (await list(u.session)).filter((s) => s.current);
      const res = await call(h, 'DELETE', `/auth/sessions/${mine?.id}`, { session: u.session });
      expect(res.status).toBe(200);
      expect(res.body.current).toBe(true);
      expect(await valid(u.session)).toBe(false);
      expect(await outboxHas(sha256Hex(u.session))).toBe(true);
    });

    it('DELETE /auth/sessions/:id of another session needs a fresh proof, and 404s for a stranger', async () => {
      const u = await person();
      const laptop = await signIn(u.email, 'laptop', 'Laptop/1');
      const other = (await list(u.session)).find((s) => !s.current);
      const bare = await call(h, 'DELETE', `/auth/sessions/${other?.id}`, { session: u.session });
      expect(bare.status).toBe(400);
      expect(bare.body.code).toBe('PROOF_REQUIRED');
      const wrong = await call(h, 'DELETE', `/auth/sessions/${other?.id}`, {
        session: u.session,
        body: { current_password: 'wrong password here' },
      });
      expect(wrong.status).toBe(400);
      const stranger = await person();
      const foreign = await call(h, 'DELETE', `/auth/sessions/${other?.id}`, {
        session: stranger.session,
        body: { current_password: PASSWORD },
      });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('SESSION_NOT_FOUND');
      expect(await valid(laptop)).toBe(true);
      const ended = await call(h, 'DELETE', `/auth/sessions/${other?.id}`, {
        session: u.session,
        body: { currentPassword: PASSWORD },
      });
      expect(ended.status).toBe(200);
      expect(await valid(laptop)).toBe(false);
      expect(await valid(u.session)).toBe(true);
      expect(await outboxHas(sha256Hex(laptop))).toBe(true);
    });

    it('DELETE /auth/sessions ends every other session (with a proof) and keeps the current one', async () => {
      const u = await person();
      const a = await signIn(u.email, 'a', 'A/1');
      const b = await signIn(u.email, 'b', 'B/1');
      const refused = await call(h, 'DELETE', '/auth/sessions', { session: u.session });
      expect(refused.status).toBe(400);
      const res = await call(h, 'DELETE', '/auth/sessions', {
        session: u.session,
        body: { current_password: PASSWORD },
      });
      expect(res.status).toBe(200);
      expect(res.body.ended).toBe(2);
      expect([await valid(a), await valid(b), await valid(u.session)]).toEqual([false, false, true]);
      expect((await list(u.session)).map((s) => s.current)).toEqual([true]);
    });

    it('admins end one or all sessions of a user; others get 403, unknown users 404', async () => {
      const u = await person();
      const second = await signIn(u.email, 'two', 'Two/1');
      const notAdmin = await person();
      const forbidden = await call(h, 'DELETE', `/auth/admin/users/${u.id}/sessions`, {
        session: notAdmin.session,
      });
      expect(forbidden.status).toBe(403);
      const missing = await call(h, 'DELETE', '/auth/admin/users/usr_nobody/sessions', { session: admin });
      expect(missing.status).toBe(404);
      const one = (await list(second)).find((s) => s.current);
      const ended = await call(h, 'DELETE', `/auth/users/${u.id}/sessions/${one?.id}`, { session: admin });
      expect(ended.status).toBe(200);
      expect([await valid(second), await valid(u.session)]).toEqual([false, true]);
      const unknown = await call(h, 'DELETE', `/auth/users/${u.id}/sessions/${one?.id}`, { session: admin });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('SESSION_NOT_FOUND');
      const all = await call(h, 'DELETE', `/auth/admin/users/${u.id}/sessions`, { session: admin });
      expect(all.status).toBe(200);
      expect(await valid(u.session)).toBe(false);
      expect(await valid(admin)).toBe(true);
    });

    it("only a superadmin ends a superadmin's sessions", async () => {
      const boss = await person('superadmin');
      const refused = await call(h, 'DELETE', `/auth/users/${boss.id}/sessions`, { session: admin });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('Only a superadmin can modify a superadmin');
      expect(await valid(boss.session)).toBe(true);
      const other = await person('superadmin');
      const allowed = await call(h, 'DELETE', `/auth/users/${boss.id}/sessions`, { session: other.session });
      expect(allowed.status).toBe(200);
      expect(await valid(boss.session)).toBe(false);
    });

    it('a session expires after the idle timeout without activity, and is no longer listed', async () => {
      const u = await person();
      const idle = await signIn(u.email, 'idle', 'Idle/1');
      clock.advance(HOUR - 1000);
      expect(await valid(u.session)).toBe(true);
      expect((await list(u.session)).map((s) => s.current).sort()).toEqual([false, true]);
      clock.advance(1000);
      expect(await valid(idle)).toBe(false);
      expect((await list(u.session)).map((s) => s.current)).toEqual([true]);
    });

    it('activity slides the idle expiry but never past the absolute lifetime', async () => {
      const u = await person();
      for (let i = 0; i < 5; i++) {
        clock.advance(HOUR / 2);
        expect(await valid(u.session), `after ${(i + 1) / 2} h`).toBe(true);
      }
      clock.advance(HOUR / 2 - 1000);
      expect(await valid(u.session)).toBe(true);
      clock.advance(1000);
      expect(await valid(u.session)).toBe(false);
    });
  });
}
