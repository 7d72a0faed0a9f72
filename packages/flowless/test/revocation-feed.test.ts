/**
 * The revocation feed without Redis, on each database: every flow that ends sessions writes its
 * outbox row with the change, `GET /auth/bridge/revocations` streams the rows as Server-Sent Events
 * (secret required, Last-Event-ID resumes, resync when the cursor fell behind, heartbeats), and a
 * revocation made on one instance reaches the streams of another instance on the same database.
 */
import { type RunningServer, serve } from 'flowfull/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialectServices, TEST_DIALECTS } from '#test-support/databases.js';
import { describeWithServices } from '#test-support/services.js';
import { sha256Hex } from '../src/secrets/opaque-secret.js';
import { type EventStream, openEventStream } from './support/event-stream.js';
import {
  BRIDGE_SECRET,
  call,
  countRows,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'feed test password';
const secret = { 'x-bridge-secret': BRIDGE_SECRET };
const FEED = '/auth/bridge/revocations';

for (const dialect of TEST_DIALECTS) {
  describeWithServices(dialectServices(dialect), `the revocation feed on ${dialect}`, () => {
    let a: Harness;
    let b: Harness;
    let serverA: RunningServer;
    let serverB: RunningServer;
    let admin: string;
    let counter = 0;
    const streams: EventStream[] = [];

    const open = async (server: RunningServer, headers: Record<string, string> = {}, query = '') => {
      const stream = await openEventStream(`${server.url}${FEED}${query}`, { ...secret, ...headers });
      streams.push(stream);
      return stream;
    };
    const user = async () => {
      const email = `feed-${++counter}@example.test`;
      const id = await seedUser(a, { email, password: PASSWORD });
      return { id, email, session: await login(a, email, PASSWORD) };
    };
    const rows = () => a.handle.db.selectFrom('revocation_events').selectAll().orderBy('id').execute();

    beforeAll(async () => {
      const handle = await freshDatabase(dialect, 'flowless_feed');
      a = await startFlowless(handle, { feedHeartbeatMs: 100, env: { REVOCATION_FEED_POLL_MS: '50' } });
      b = await startFlowless(handle, { env: { REVOCATION_FEED_POLL_MS: '50' } });
      serverA = await serve(a.app, { port: 0, hostname: '127.0.0.1', signals: [], onShutdown: a.endStreams });
      serverB = await serve(b.app, { port: 0, hostname: '127.0.0.1', signals: [], onShutdown: b.endStreams });
      await seedUser(a, { email: 'feed-admin@example.test', password: PASSWORD, userType: 'admin' });
      admin = await login(a, 'feed-admin@example.test', PASSWORD);
    });
    afterAll(async () => {
      for (const stream of streams) stream.close();
      await serverA.close();
      await serverB.close();
      await a.close();
      await b.close();
      await a.handle.db.destroy();
    });

    it('refuses a missing or wrong bridge secret (401) and a malformed cursor (400)', async () => {
      const missing = await fetch(`${serverA.url}${FEED}`);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toMatchObject({ code: 'ERR_FLOWLESS_INVALID_BRIDGE_SECRET' });
      const wrong = await fetch(`${serverA.url}${FEED}`, { headers: { 'x-bridge-secret': 'x'.repeat(40) } });
      expect(wrong.status).toBe(401);
      const malformed = await fetch(`${serverA.url}${FEED}`, {
        headers: { ...secret, 'last-event-id': '1; drop' },
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ code: 'ERR_FLOWLESS_BAD_REQUEST' });
    });

    it('a logout writes one outbox row with the session deletion and is pushed at once as an SSE event', async () => {
      const stream = await open(serverA);
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      const ready = await stream.next((e) => e.event === 'ready');
      const u = await user();
      const before = (await rows()).length;
      expect((await call(a, 'POST', '/auth/logout', { session: u.session })).status).toBe(200);
      const outbox = await rows();
      expect(outbox).toHaveLength(before + 1);
      expect(outbox.at(-1)).toMatchObject({ type: 'session.revoked', session_hash: sha256Hex(u.session) });
      expect(await countRows(a.handle, 'sessions')).toBeGreaterThan(0);
      const event = await stream.next(
        (e) => e.event === 'revocation' && e.data.includes(sha256Hex(u.session)),
      );
      expect(JSON.parse(event.data)).toEqual({ type: 'session.revoked', session_hash: sha256Hex(u.session) });
      expect(Number(event.id)).toBe(Number(outbox.at(-1)?.id));
      expect(Number(event.id)).toBeGreaterThan(Number(ready.id));
    });

    it('every flow that ends sessions or changes a cached user writes its revocation', async () => {
      const banned = await user();
      const changed = await user();
      const invalidated = await user();
      const before = (await rows()).length;
      await call(a, 'PUT', `/auth/users/${banned.id}`, { session: admin, body: { is_banned: true } });
      await call(a, 'POST', '/auth/password-change/self', {
        session: changed.session,
        body: { current_password: PASSWORD, new_password: 'an entirely new passphrase 1' },
      });
      await call(a, 'POST', '/auth/invalidate/me', { session: invalidated.session });
      await call(a, 'POST', '/auth/bridge/invalidate', {
        headers: secret,
        body: { user_id: invalidated.id },
      });
      const added = (await rows()).slice(before).map((row) => [row.type, row.user_id]);
      expect(added).toEqual([
        ['user.sessions_revoked', banned.id],
        ['user.sessions_revoked', changed.id],
        ['user.sessions_revoked', invalidated.id],
        ['user.sessions_revoked', invalidated.id],
      ]);
      const { count } = await a.handle.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('user_id', '=', banned.id)
        .executeTakeFirstOrThrow();
      expect(Number(count)).toBe(0);
    });

    it('a logout of an unknown session writes nothing', async () => {
      const before = (await rows()).length;
      await call(a, 'POST', '/auth/bridge/invalidate', {
        headers: secret,
        body: { session_hash: 'f'.repeat(64) },
      });
      expect(await rows()).toHaveLength(before);
    });

    it("a revocation made on another instance reaches this instance's streams", async () => {
      const stream = await open(serverA);
      await stream.next((e) => e.event === 'ready');
      const u = await user();
      const startedAt = Date.now();
      await call(b, 'POST', '/auth/logout', { session: u.session });
      await stream.next((e) => e.event === 'revocation' && e.data.includes(sha256Hex(u.session)), 1000);
      expect(Date.now() - startedAt).toBeLessThan(1000);
    });

    it('without Redis, an instance drops its cached validation when another instance revokes', async () => {
      const validate = (h: Harness, session: string) =>
        call(h, 'POST', '/auth/bridge/validate', { headers: secret, body: { session_id: session } });
      const single = await user();
      const both = await user();
      const other = await user();
      for (const u of [single, both, other]) expect((await validate(a, u.session)).status).toBe(200);
      expect((await validate(a, single.session)).body.cached).toBe(true);
      await call(b, 'POST', '/auth/logout', { session: single.session });
      await call(b, 'POST', '/auth/bridge/invalidate', { headers: secret, body: { user_id: both.id } });
      const started = Date.now();
      while (
        (await validate(a, single.session)).status !== 401 ||
        (await validate(a, both.session)).status !== 401
      ) {
        expect(Date.now() - started).toBeLessThan(1000);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await validate(a, other.session)).body.cached).toBe(true);
    });

    it('Last-Event-ID replays what was missed, then ready; a cursor ahead of the table resyncs', async () => {
      const first = await user();
      const second = await user();
      await call(a, 'POST', '/auth/logout', { session: first.session });
      const cursor = (await rows()).at(-1)?.id;
      await call(a, 'POST', '/auth/logout', { session: second.session });
      const resumed = await open(serverB, { 'last-event-id': String(cursor) });
      const ready = await resumed.next((e) => e.event === 'ready');
      // The replay comes before `ready`; live events may repeat some of it (applying one twice is harmless).
      const replayed = resumed.events.slice(0, resumed.events.indexOf(ready));
      expect(replayed.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
        ['revocation', { type: 'session.revoked', session_hash: sha256Hex(second.session) }],
      ]);
      const ahead = await open(serverB, { 'last-event-id': String(Number(cursor) + 1000) });
      await ahead.next((e) => e.event === 'resync');
    });

    it('?since= replays what was revoked since that time', async () => {
      const u = await user();
      const since = Date.now() - 1;
      await call(a, 'POST', '/auth/logout', { session: u.session });
      const stream = await open(serverA, {}, `?since=${since}`);
      await stream.next((e) => e.event === 'ready');
      expect(
        stream.events.some((e) => e.event === 'revocation' && e.data.includes(sha256Hex(u.session))),
      ).toBe(true);
    });

    it('a cursor older than what the table keeps gets a resync', async () => {
      const u = await user();
      await call(a, 'POST', '/auth/logout', { session: u.session });
      const oldest = Number((await rows())[0]?.id);
      // Retention: what a purge removed is what a resuming client can no longer get.
      await a.handle.db.deleteFrom('revocation_events').where('id', '=', oldest).execute();
      const stream = await open(serverA, { 'last-event-id': String(oldest - 1) });
      const resync = await stream.next((e) => e.event === 'resync');
      expect(Number(resync.id)).toBeGreaterThan(oldest);
      await stream.next((e) => e.event === 'ready');
    });

    it('sends a heartbeat comment at the configured interval', async () => {
      const stream = await open(serverA);
      await stream.next((e) => e.event === 'ready');
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(stream.comments).toBeGreaterThanOrEqual(2);
    });

    it('the purge keeps the newest row and deletes older ones in bounded batches', async () => {
      const log = a.services.revocationFeed;
      expect(log).toBeDefined();
      const before = await rows();
      const { createRevocationLog } = await import('../src/revocations/revocation-log.js');
      const purged = await createRevocationLog(a.handle.db).purge(Date.now() + 60_000, 2);
      expect(purged).toBe(Math.min(2, before.length - 1));
      const after = await rows();
      expect(after.at(-1)?.id).toEqual(before.at(-1)?.id);
      expect(after).toHaveLength(before.length - purged);
    });

    if (dialect !== 'libsql') {
      it('an event committed after a later one is still delivered (a transaction that commits late)', async () => {
        const stream = await open(serverA);
        await stream.next((e) => e.event === 'ready');
        const db = a.handle.db;
        let releaseSlow: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => {
          releaseSlow = resolve;
        });
        let slowInserted: () => void = () => undefined;
        const inserted = new Promise<void>((resolve) => {
          slowInserted = resolve;
        });
        const slow = db.transaction().execute(async (trx) => {
          await trx
            .insertInto('revocation_events')
            .values({
              type: 'user.sessions_revoked',
              user_id: 'usr_slow',
              session_hash: null,
              created_at: Date.now(),
            })
            .execute();
          slowInserted();
          await gate;
        });
        await inserted;
        await db
          .insertInto('revocation_events')
          .values({
            type: 'user.sessions_revoked',
            user_id: 'usr_fast',
            session_hash: null,
            created_at: Date.now(),
          })
          .execute();
        await stream.next((e) => e.data.includes('usr_fast'), 2000);
        releaseSlow();
        await slow;
        const late = await stream.next((e) => e.data.includes('usr_slow'), 2000);
        const fast = stream.events.find((e) => e.data.includes('usr_fast'));
        expect(Number(late.id)).toBeLessThan(Number(fast?.id));
      });
    }

    it('a shutdown ends open streams instead of waiting for them', async () => {
      const handle = a.handle;
      const c = await startFlowless(handle);
      const serverC = await serve(c.app, {
        port: 0,
        hostname: '127.0.0.1',
        signals: [],
        onShutdown: c.endStreams,
      });
      const stream = await open(serverC);
      await stream.next((e) => e.event === 'ready');
      const started = Date.now();
      expect(await serverC.close()).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
      await c.close();
      await sql`select 1`.execute(handle.db);
    });
  });
}
