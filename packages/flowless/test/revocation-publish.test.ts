/**
 * Revocations reach Flowfull on the Redis channel after the database change, for every flow that
 * ends sessions, on each database. A real ioredis subscriber listens on the configured channel;
 * each message is checked against the database when the app publishes it (a probe around the
 * real Redis publisher) and again when it arrives. The last tests document the routes that
 * publish `user.sessions_revoked` only to drop cached validations, without ending any session.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialectServices, TEST_DIALECTS } from '#test-support/databases.js';
import { describeWithServices, serviceUrls } from '#test-support/services.js';
import { silentLogger } from '../src/runtime/logger.js';
import { sha256Hex } from '../src/secrets/opaque-secret.js';
import { createRedisRevocationPublisher } from '../src/sessions/revocation-publisher.js';
import {
  BRIDGE_SECRET,
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';
import {
  listenForRevocations,
  type PublishedRevocation,
  probePublisher,
  type ReceivedRevocation,
  type RevocationListener,
} from './support/revocation-listener.js';

const secret = { 'x-bridge-secret': BRIDGE_SECRET };
const PASSWORD = 'revocation test pw';

for (const dialect of TEST_DIALECTS) {
  describeWithServices(
    ['redis', ...dialectServices(dialect)],
    `Flowless publishes revocations on Redis after the database change, on ${dialect}`,
    () => {
      const redis = new Redis(serviceUrls.redis, { maxRetriesPerRequest: 1 });
      const channel = `flowless:revocations:test:${Math.random().toString(36).slice(2)}`;
      let h: Harness;
      let probe: ReturnType<typeof probePublisher>;
      let listener: RevocationListener;
      let admin: string;
      let counter = 0;

      beforeAll(async () => {
        const handle = await freshDatabase(dialect, 'flowless_revocations');
        probe = probePublisher(
          createRedisRevocationPublisher({ redis, channel, logger: silentLogger }),
          handle.db,
        );
        h = await startFlowless(handle, { redis, revocations: probe, env: { REVOCATION_CHANNEL: channel } });
        listener = await listenForRevocations({ url: serviceUrls.redis, channel, db: handle.db });
        await seedUser(h, { email: 'rev-admin@example.test', password: PASSWORD, userType: 'admin' });
        admin = await login(h, 'rev-admin@example.test', PASSWORD);
      });
      afterAll(async () => {
        await listener.close();
        await h.close();
        await h.handle.db.destroy();
        redis.disconnect();
      });

      /** A verified user with two sessions. */
      const userWithSessions = async () => {
        const email = `rev-${++counter}@example.test`;
        const id = await seedUser(h, { email, password: PASSWORD });
        return { id, email, sessions: [await login(h, email, PASSWORD), await login(h, email, PASSWORD)] };
      };
      /** What `action` published (seen by the probe) and what the subscriber received. */
      const revocationsOf = async (
        action: () => Promise<unknown>,
      ): Promise<{ published: PublishedRevocation[]; received: ReceivedRevocation[] }> => {
        const before = probe.published.length;
        const received = await listener.during(action);
        return { published: probe.published.slice(before), received };
      };
      const bridgeStatus = async (sid: string) =>
        (await call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { session_id: sid } }))
          .status;
      /** Asserts one `user.sessions_revoked` for `userId`, with none of `hashes` left at publish or receipt. */
      const expectUserRevoked = (
        seen: { published: PublishedRevocation[]; received: ReceivedRevocation[] },
        userId: string,
        hashes: string[],
      ) => {
        const message = { type: 'user.sessions_revoked', user_id: userId };
        expect(seen.received.map((r) => r.message)).toEqual([message]);
        expect(seen.published.map((p) => p.message)).toEqual([message]);
        for (const hash of hashes) {
          expect(seen.published[0]?.remainingAtPublish).not.toContain(hash);
          expect(seen.received[0]?.remainingAtReceipt).not.toContain(hash);
        }
      };

      it('logout publishes session.revoked with the sha256 hex of the id once its row is gone, and ends only that session', async () => {
        const user = await userWithSessions();
        const [ended, kept] = user.sessions as [string, string];
        await bridgeStatus(ended);
        const seen = await revocationsOf(() => call(h, 'POST', '/auth/logout', { session: ended }));
        const message = { type: 'session.revoked', session_hash: sha256Hex(ended) };
        expect(seen.received).toEqual([{ message, remainingAtReceipt: [] }]);
        expect(seen.published).toEqual([{ message, remainingAtPublish: [] }]);
        expect(await bridgeStatus(ended)).toBe(401);
        expect(await bridgeStatus(kept)).toBe(200);
      });

      it('a self password change publishes one user.sessions_revoked after every old session is gone; the new session is valid', async () => {
        const user = await userWithSessions();
        const hashes = user.sessions.map(sha256Hex);
        let answer: Awaited<ReturnType<typeof call>> | undefined;
        const seen = await revocationsOf(async () => {
          answer = await call(h, 'POST', '/auth/password-change/self', {
            session: user.sessions[0],
            body: { current_password: PASSWORD, new_password: 'revocation changed pw' },
          });
        });
        expect(answer?.status).toBe(200);
        expectUserRevoked(seen, user.id, hashes);
        expect(seen.published[0]?.remainingAtPublish).toEqual([]);
        for (const sid of user.sessions) expect(await bridgeStatus(sid)).toBe(401);
        expect(await bridgeStatus(answer?.body.session_id as string)).toBe(200);
      });

      it('an admin password change publishes user.sessions_revoked for the target once its sessions are gone', async () => {
        const user = await userWithSessions();
        const seen = await revocationsOf(async () => {
          const res = await call(h, 'POST', '/auth/password-change/admin', {
            session: admin,
            body: { user_id: user.id, new_password: 'set by the admin' },
          });
          expect(res.status).toBe(200);
        });
        expectUserRevoked(seen, user.id, user.sessions.map(sha256Hex));
        expect(seen.received[0]?.remainingAtReceipt).toEqual([]);
        for (const sid of user.sessions) expect(await bridgeStatus(sid)).toBe(401);
        expect(await bridgeStatus(admin)).toBe(200);
      });

      it('completing a password reset publishes user.sessions_revoked once the sessions are gone', async () => {
        const user = await userWithSessions();
        const token = await h.services.tokens.issue(user.id, 'password_reset', 3_600_000);
        const seen = await revocationsOf(async () => {
          const res = await call(h, 'POST', '/auth/password-reset/complete', {
            body: { token, password: 'reset by mail link' },
          });
          expect(res.status).toBe(200);
        });
        expectUserRevoked(seen, user.id, user.sessions.map(sha256Hex));
        expect(seen.received[0]?.remainingAtReceipt).toEqual([]);
        for (const sid of user.sessions) expect(await bridgeStatus(sid)).toBe(401);
      });

      it('banning a user with PATCH /auth/admin/users/:id or PUT /auth/users/:id publishes user.sessions_revoked once its sessions are gone', async () => {
        for (const [method, path, body] of [
          ['PATCH', '/auth/admin/users', { isBanned: true }],
          ['PUT', '/auth/users', { is_banned: true }],
        ] as const) {
          const user = await userWithSessions();
          for (const sid of user.sessions) expect(await bridgeStatus(sid)).toBe(200);
          const seen = await revocationsOf(async () => {
            const res = await call(h, method, `${path}/${user.id}`, { session: admin, body });
            expect(res.status).toBe(200);
            expect(res.body.user).toMatchObject({ id: user.id });
          });
          expectUserRevoked(seen, user.id, user.sessions.map(sha256Hex));
          expect(seen.published[0]?.remainingAtPublish).toEqual([]);
          expect(seen.received[0]?.remainingAtReceipt).toEqual([]);
          for (const sid of user.sessions) expect(await bridgeStatus(sid)).toBe(401);
        }
      });

      it('deleting a user publishes user.sessions_revoked once its sessions are gone', async () => {
        const user = await userWithSessions();
        const seen = await revocationsOf(async () => {
          expect((await call(h, 'DELETE', `/auth/admin/users/${user.id}`, { session: admin })).status).toBe(
            200,
          );
        });
        expectUserRevoked(seen, user.id, user.sessions.map(sha256Hex));
        expect(seen.published[0]?.remainingAtPublish).toEqual([]);
        expect(seen.received[0]?.remainingAtReceipt).toEqual([]);
        for (const sid of user.sessions) expect(await bridgeStatus(sid)).toBe(401);
      });

      it('bridge invalidate publishes session.revoked for a session_hash and user.sessions_revoked for a user_id, after the rows are gone', async () => {
        const user = await userWithSessions();
        const [first, second] = user.sessions as [string, string];
        const byHash = await revocationsOf(() =>
          call(h, 'POST', '/auth/bridge/invalidate', {
            headers: secret,
            body: { session_hash: sha256Hex(first) },
          }),
        );
        const message = { type: 'session.revoked', session_hash: sha256Hex(first) };
        expect(byHash.received).toEqual([{ message, remainingAtReceipt: [] }]);
        expect(byHash.published).toEqual([{ message, remainingAtPublish: [] }]);
        expect(await bridgeStatus(second)).toBe(200);
        const byUser = await revocationsOf(() =>
          call(h, 'POST', '/auth/bridge/invalidate', { headers: secret, body: { user_id: user.id } }),
        );
        expectUserRevoked(byUser, user.id, [sha256Hex(second)]);
        expect(byUser.received[0]?.remainingAtReceipt).toEqual([]);
        expect(await bridgeStatus(second)).toBe(401);
      });

      it('a refused request publishes nothing: wrong current password, non-admin password change, invalidate without the secret', async () => {
        const user = await userWithSessions();
        const seen = await revocationsOf(async () => {
          expect(
            (
              await call(h, 'POST', '/auth/password-change/self', {
                session: user.sessions[0],
                body: { current_password: 'not the password', new_password: 'whatever new pw' },
              })
            ).status,
          ).toBe(400);
          expect(
            (
              await call(h, 'POST', '/auth/password-change/admin', {
                session: user.sessions[1],
                body: { user_id: user.id, new_password: 'whatever new pw' },
              })
            ).status,
          ).toBe(403);
          expect(
            (await call(h, 'POST', '/auth/bridge/invalidate', { body: { user_id: user.id } })).status,
          ).toBe(401);
        });
        expect(seen).toEqual({ published: [], received: [] });
        for (const sid of user.sessions) expect(await bridgeStatus(sid)).toBe(200);
      });

      it('without an injected publisher, the app publishes on its REVOCATION_CHANNEL', async () => {
        const plain = await startFlowless(h.handle, { redis, env: { REVOCATION_CHANNEL: channel } });
        try {
          const user = await userWithSessions();
          const [ended] = user.sessions as [string];
          const seen = await listener.during(() => call(plain, 'POST', '/auth/logout', { session: ended }));
          expect(seen).toEqual([
            { message: { type: 'session.revoked', session_hash: sha256Hex(ended) }, remainingAtReceipt: [] },
          ]);
        } finally {
          await plain.close();
        }
      });

      it('documents the cache drops: profile update, email verification, invalidate/me and a non-ban admin update publish user.sessions_revoked while every session stays valid', async () => {
        const user = await userWithSessions();
        const hashes = user.sessions.map(sha256Hex).sort();
        const token = await h.services.tokens.issue(user.id, 'email_verification', 3_600_000);
        const drops: Array<[string, () => Promise<Awaited<ReturnType<typeof call>>>]> = [
          [
            'PUT /auth/user/me',
            () => call(h, 'PUT', '/auth/user/me', { session: user.sessions[0], body: { name: 'Re' } }),
          ],
          ['GET /auth/verify-email', () => call(h, 'GET', `/auth/verify-email?token=${token}`)],
          [
            'POST /auth/invalidate/me',
            () => call(h, 'POST', '/auth/invalidate/me', { session: user.sessions[0] }),
          ],
          [
            'PUT /auth/admin/users/:id',
            () => call(h, 'PUT', `/auth/admin/users/${user.id}`, { session: admin, body: { name: 'Ad' } }),
          ],
        ];
        for (const [route, send] of drops) {
          const seen = await revocationsOf(async () => expect((await send()).status, route).toBe(200));
          expect(
            seen.received.map((r) => r.message),
            route,
          ).toEqual([{ type: 'user.sessions_revoked', user_id: user.id }]);
          expect([...(seen.received[0]?.remainingAtReceipt ?? [])].sort(), route).toEqual(hashes);
          for (const sid of user.sessions) expect(await bridgeStatus(sid), route).toBe(200);
        }
      });
    },
  );
}
