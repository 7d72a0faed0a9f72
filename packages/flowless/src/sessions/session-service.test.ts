import { silentLogger } from 'flowfull/server';
import { describe, expect, it } from 'vitest';
import { createBackgroundTasks } from '../runtime/background-tasks.js';
import { frozenClock } from '../runtime/clock.js';
import type { RevocationMessage } from './revocation-publisher.js';
import { createSessionCache } from './session-cache.js';
import type { SessionRecord } from './session-record.js';
import { createSessionService } from './session-service.js';
import type { NewSessionRow, SessionStore } from './session-store.js';

const MINUTE = 60_000;

/** The session table port kept in a Map, counting reads and writes; `gate` holds the next read. */
function memoryStore() {
  const rows = new Map<string, SessionRecord & { failures: number }>();
  const counts = { reads: 0, touches: 0 };
  let gate: Promise<void> | null = null;
  const store: SessionStore = {
    async insert(row: NewSessionRow) {
      const id = `ses_${rows.size + 1}`;
      rows.set(row.hash, {
        id,
        hash: row.hash,
        userId: row.userId,
        ipAddress: row.ipAddress,
        userAgent: row.userAgent,
        deviceId: row.deviceId,
        expiresAt: row.expiresAt,
        absoluteExpiresAt: row.absoluteExpiresAt,
        lastUsedAt: row.now,
        createdAt: row.now,
        twoFactorVerified: false,
        twoFactorVerifiedAt: null,
        twoFactorMethods: [],
        pending: row.pending === true,
        failures: 0,
        user: {
          id: row.userId,
          email: 'u@example.test',
          username: null,
          passwordHash: '$argon2id$secret-hash',
          name: null,
          lastName: null,
          phone: null,
          picture: null,
          userType: 'customer',
          lang: null,
          metadata: {},
          isVerified: true,
          isBanned: false,
          twoFactor: false,
          createdAt: row.now,
          updatedAt: row.now,
        },
      });
      return id;
    },
    async findByHash(hash) {
      counts.reads++;
      const found = rows.get(hash) ?? null;
      const snapshot = found && structuredClone(found);
      if (gate) await gate;
      return snapshot;
    },
    async touch(hash, now, expiresAt) {
      counts.touches++;
      const row = rows.get(hash);
      if (row) Object.assign(row, { lastUsedAt: now, expiresAt });
    },
    async deleteByHash(hash) {
      const row = rows.get(hash);
      rows.delete(hash);
      return row?.userId ?? null;
    },
    async deleteByUser(userId) {
      const hashes = await store.hashesOfUser(userId);
      for (const hash of hashes) rows.delete(hash);
      return hashes;
    },
    async announceUser(userId) {
      return store.hashesOfUser(userId);
    },
    async hashesOfUser(userId) {
      return [...rows.values()].filter((row) => row.userId === userId).map((row) => row.hash);
    },
    async promote(hash, promotion) {
      const row = rows.get(hash);
      if (!row?.pending || row.absoluteExpiresAt <= promotion.now) return false;
      Object.assign(row, {
        pending: false,
        twoFactorVerified: true,
        twoFactorVerifiedAt: promotion.now,
        twoFactorMethods: [promotion.method],
        expiresAt: promotion.expiresAt,
        absoluteExpiresAt: promotion.absoluteExpiresAt,
      });
      return true;
    },
    async reserveAttempt(hash, max) {
      const row = rows.get(hash);
      if (!row?.pending || row.failures >= max) return null;
      row.failures++;
      return max - row.failures;
    },
    async markVerified(hash, now, method) {
      const row = rows.get(hash);
      if (row)
        Object.assign(row, { twoFactorVerified: true, twoFactorVerifiedAt: now, twoFactorMethods: [method] });
    },
  };
  return {
    store,
    counts,
    hold() {
      let release: () => void = () => undefined;
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = null;
          resolve();
        };
      });
      return release;
    },
  };
}

function setup() {
  const clock = frozenClock(Date.UTC(2031, 0, 1));
  const memory = memoryStore();
  const published: RevocationMessage[] = [];
  const tasks = createBackgroundTasks(silentLogger);
  const cache = createSessionCache({ ttlMs: 5 * MINUTE, now: () => clock.now() });
  const sessions = createSessionService({
    store: memory.store,
    cache,
    revocations: { publish: async (message) => void published.push(message) },
    clock,
    tasks,
    absoluteLifetimeMs: 24 * 60 * MINUTE,
    idleTimeoutMs: 60 * MINUTE,
    touchIntervalMs: MINUTE,
  });
  const context = { ipAddress: null, userAgent: null, deviceId: null };
  return { clock, memory, published, tasks, cache, sessions, context };
}

describe('createSessionService() on the HybridCache session cache', () => {
  it('serves repeated validations from the cache: one database read, no write within the touch interval', async () => {
    const { sessions, memory, tasks, context } = setup();
    const { id } = await sessions.issue('usr_1', context);
    const first = await sessions.validate(id);
    const results = await Promise.all(Array.from({ length: 20 }, () => sessions.validate(id)));
    await tasks.drain();
    expect(first).toMatchObject({ ok: true, cached: false });
    expect(results.every((result) => result.ok && result.cached)).toBe(true);
    expect(memory.counts).toEqual({ reads: 1, touches: 0 });
  });

  it('writes last_used_at at most once per touch interval and slides the idle expiry', async () => {
    const { sessions, memory, tasks, clock, context } = setup();
    const { id } = await sessions.issue('usr_1', context);
    await sessions.validate(id);
    clock.advance(MINUTE);
    const touched = await sessions.validate(id);
    await sessions.validate(id);
    await tasks.drain();
    expect(memory.counts.touches).toBe(1);
    expect(touched.ok && touched.session.expiresAt).toBe(clock.now() + 60 * MINUTE);
    clock.advance(59 * MINUTE);
    expect((await sessions.validate(id)).ok).toBe(true);
  });

  it('never caches the password hash', async () => {
    const { sessions, context } = setup();
    const { id } = await sessions.issue('usr_1', context);
    await sessions.validate(id);
    const cached = await sessions.validate(id);
    expect(cached.ok && cached.session.user.passwordHash).toBeNull();
  });

  it('a revocation during a database load in flight wins: the load does not re-cache the session', async () => {
    const { sessions, memory, context, published } = setup();
    const { id } = await sessions.issue('usr_1', context);
    const release = memory.hold();
    const inFlight = sessions.validate(id);
    await Promise.resolve();
    await sessions.revoke(id);
    release();
    await inFlight;
    expect(await sessions.validate(id)).toEqual({ ok: false, reason: 'invalid' });
    expect(published).toEqual([
      { type: 'session.revoked', session_hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('revokeUser() drops every cached session of the user and publishes one user revocation', async () => {
    const { sessions, context, published } = setup();
    const a = await sessions.issue('usr_1', context);
    const b = await sessions.issue('usr_1', context);
    const other = await sessions.issue('usr_2', context);
    for (const s of [a, b, other]) await sessions.validate(s.id);
    await sessions.revokeUser('usr_1');
    expect((await sessions.validate(a.id)).ok).toBe(false);
    expect((await sessions.validate(b.id)).ok).toBe(false);
    expect((await sessions.validate(other.id)).ok).toBe(true);
    expect(published).toEqual([{ type: 'user.sessions_revoked', user_id: 'usr_1' }]);
  });

  it('answers expired past the idle timeout and past the absolute lifetime, invalid for an unknown id', async () => {
    const { sessions, clock, context } = setup();
    const { id } = await sessions.issue('usr_1', context);
    await sessions.validate(id);
    clock.advance(61 * MINUTE);
    expect(await sessions.validate(id)).toEqual({ ok: false, reason: 'expired' });
    expect(await sessions.validate('not-a-session')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a pending session unless the caller allows it, for at most the pending lifetime', async () => {
    const { sessions, clock, context } = setup();
    const { id, expiresAt } = await sessions.issue('usr_1', context, { pending: true });
    expect(expiresAt).toBe(clock.now() + 5 * MINUTE);
    expect(await sessions.validate(id)).toEqual({ ok: false, reason: 'invalid' });
    expect(await sessions.refresh(id)).toEqual({ ok: false, reason: 'invalid' });
    const allowed = await sessions.validate(id, { allowPending: true });
    expect(allowed.ok && allowed.session.pending).toBe(true);
    clock.advance(5 * MINUTE);
    expect(await sessions.validate(id, { allowPending: true })).toEqual({ ok: false, reason: 'expired' });
  });

  it('promote() keeps the id, drops the cached pending copy and succeeds once', async () => {
    const { sessions, context } = setup();
    const { id } = await sessions.issue('usr_1', context, { pending: true });
    await sessions.validate(id, { allowPending: true });
    const results = await Promise.all([sessions.promote(id, 'totp'), sessions.promote(id, 'totp')]);
    expect(results.filter((r) => r !== null)).toEqual([{ id, expiresAt: expect.any(Number) }]);
    const active = await sessions.validate(id);
    expect(active.ok && active.session).toMatchObject({
      pending: false,
      twoFactorVerified: true,
      twoFactorMethods: ['totp'],
    });
  });

  it('reserveAttempt() grants at most max attempts on a pending session', async () => {
    const { sessions, context } = setup();
    const { id } = await sessions.issue('usr_1', context, { pending: true });
    const granted = await Promise.all(Array.from({ length: 8 }, () => sessions.reserveAttempt(id, 5)));
    expect(granted.filter((left) => left !== null).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
