/**
 * The audit log on PostgreSQL, MariaDB and libSQL: `record` stores sanitised events (allow-listed
 * details only, a cut user agent) and never throws; `query` filters by action, outcome, actor,
 * subject, either user and time range, pages newest first by keyset cursor and refuses a bad
 * cursor or limit; the purge deletes events past AUDIT_RETENTION_DAYS in bounded batches; and the
 * query plan (EXPLAIN on each dialect, over 5,000 analysed rows) reads the filter's index, never
 * the whole table.
 */
import { createDatabase } from 'flowfull/db';
import { silentLogger } from 'flowfull/server';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, testDatabaseUrl } from '#test-support/databases.js';
import { sanitizeAuditDetails } from '../src/audit/audit-details.js';
import type { AuditAction, AuditOutcome } from '../src/audit/audit-event.js';
import { type AuditLog, createAuditLog } from '../src/audit/audit-log.js';
import { auditListQuery, createAuditStore } from '../src/audit/audit-store.js';
import type { FlowlessDatabase } from '../src/db/schema.js';
import { createExpiredRowPurge } from '../src/maintenance/expired-row-purge.js';
import { frozenClock } from '../src/runtime/clock.js';
import { type FlowlessDatabaseHandle, freshDatabase } from './support/flowless-harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.UTC(2031, 0, 1);

describe('sanitizeAuditDetails()', () => {
  it('keeps allow-listed keys only: never a password, code, token or session id', () => {
    const dirty = {
      method: 'totp',
      reason: 'invalid_code',
      password: 'hunter2 hunter2',
      code: '123456',
      token: 'flw_pat_secret',
      session_id: 'sess-secret',
      sessionId: 'sess-secret',
      backup_code: 'abcd-efgh',
      secret: 'otpauth-secret',
      fields: ['name', 'email'],
    };
    expect(sanitizeAuditDetails(dirty)).toEqual({
      method: 'totp',
      reason: 'invalid_code',
      fields: ['name', 'email'],
    });
  });

  it('cuts long strings and lists, and drops values that are not detail values', () => {
    const clean = sanitizeAuditDetails({
      route: 'x'.repeat(500),
      fields: Array.from({ length: 50 }, (_, i) => `f${i}`),
      count: Number.NaN,
      scope: { nested: 'object' },
      token_name: 42,
    });
    expect(clean.route).toHaveLength(120);
    expect(clean.fields).toHaveLength(20);
    expect(clean).not.toHaveProperty('count');
    expect(clean).not.toHaveProperty('scope');
    expect(clean.token_name).toBe(42);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`audit log on ${dialect}`, () => {
    let handle: FlowlessDatabaseHandle;
    const clock = frozenClock(START);
    let audit: AuditLog;
    beforeAll(async () => {
      handle = await freshDatabase(dialect, 'flowless_audit_log');
      audit = createAuditLog({ store: createAuditStore(handle.db), clock, logger: silentLogger });
    });
    afterAll(async () => handle.db.destroy());
    beforeEach(async () => {
      await handle.db.deleteFrom('audit_events').execute();
      clock.set(START);
    });

    const add = (action: AuditAction, outcome: AuditOutcome, actor: string | null, subject: string | null) =>
      audit.record({ action, outcome, actorUserId: actor, subjectUserId: subject, ip: '203.0.113.9' });

    it('records an event and reads it back, details sanitised and the user agent cut', async () => {
      await audit.record({
        action: 'sign_in.failed',
        outcome: 'failure',
        actorUserId: 'usr_a',
        subjectUserId: 'usr_a',
        ip: '203.0.113.7',
        userAgent: `Agent/${'z'.repeat(400)}`,
        details: { method: 'password', reason: 'invalid_credentials', password: 'wrong pw', session_id: 's' },
      });
      await audit.record({ action: 'sign_up', outcome: 'success', actorUserId: 'usr_b' });
      const { events, nextCursor } = await audit.query({}, { limit: 10 });
      expect(nextCursor).toBeNull();
      expect(events).toHaveLength(2);
      const failed = events.find((event) => event.action === 'sign_in.failed');
      expect(failed).toMatchObject({
        occurredAt: START,
        outcome: 'failure',
        actorUserId: 'usr_a',
        subjectUserId: 'usr_a',
        ip: '203.0.113.7',
        details: { method: 'password', reason: 'invalid_credentials' },
      });
      expect(failed?.userAgent).toHaveLength(255);
      expect(events.find((event) => event.action === 'sign_up')).toMatchObject({
        subjectUserId: null,
        ip: null,
        userAgent: null,
        details: {},
      });
      const stored = await handle.db.selectFrom('audit_events').select('details').execute();
      expect(JSON.stringify(stored)).not.toMatch(/wrong pw|session_id/);
    });

    it('filters by action, outcome, actor, subject, either user and time range', async () => {
      await add('sign_in.succeeded', 'success', 'usr_1', 'usr_1');
      clock.advance(1000);
      await add('sign_in.failed', 'failure', null, 'usr_2');
      clock.advance(1000);
      await add('admin.user_banned', 'success', 'usr_admin', 'usr_2');
      clock.advance(1000);
      await add('admin.access_denied', 'denied', 'usr_1', null);
      const actions = async (filter: Parameters<AuditLog['query']>[0]) =>
        (await audit.query(filter, { limit: 10 })).events.map((event) => event.action);

      expect(await actions({})).toEqual([
        'admin.access_denied',
        'admin.user_banned',
        'sign_in.failed',
        'sign_in.succeeded',
      ]);
      expect(await actions({ action: 'sign_in.failed' })).toEqual(['sign_in.failed']);
      expect(await actions({ outcome: 'denied' })).toEqual(['admin.access_denied']);
      expect(await actions({ actorUserId: 'usr_1' })).toEqual(['admin.access_denied', 'sign_in.succeeded']);
      expect(await actions({ subjectUserId: 'usr_2' })).toEqual(['admin.user_banned', 'sign_in.failed']);
      expect(await actions({ userId: 'usr_1' })).toEqual(['admin.access_denied', 'sign_in.succeeded']);
      expect(await actions({ from: START + 1000, to: START + 3000 })).toEqual([
        'admin.user_banned',
        'sign_in.failed',
      ]);
      expect(await actions({ action: 'sign_up' })).toEqual([]);
    });

    it('pages newest first by cursor, ties broken by id, and refuses a bad cursor or limit', async () => {
      for (let i = 0; i < 5; i++) {
        await add('sign_up', 'success', `usr_${i}`, null);
        if (i !== 2) clock.advance(10); // events 2 and 3 share a millisecond
      }
      const seen: (string | null)[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await audit.query({}, { limit: 2, cursor });
        seen.push(...page.events.map((event) => event.actorUserId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null);
      expect(pages).toBe(3);
      expect(seen).toEqual(['usr_4', 'usr_3', 'usr_2', 'usr_1', 'usr_0']);

      await expect(audit.query({}, { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'ERR_FLOWLESS_BAD_REQUEST',
        status: 400,
      });
      await expect(audit.query({}, { limit: 0 })).rejects.toMatchObject({ status: 400 });
      await expect(audit.query({}, { limit: 101 })).rejects.toMatchObject({ status: 400 });
    });

    it('the purge deletes events past the retention in bounded batches and keeps newer ones', async () => {
      for (let i = 0; i < 5; i++) await add('sign_up', 'success', `old_${i}`, null);
      clock.advance(89 * DAY_MS);
      await add('sign_up', 'success', 'recent', null);
      clock.advance(DAY_MS + 1); // the old ones are now 90 days and 1 ms old
      const purge = createExpiredRowPurge({
        db: handle.db,
        clock,
        batchSize: 2,
        auditRetentionMs: 90 * DAY_MS,
      });
      expect((await purge.purgeBatch()).auditEvents).toBe(2);
      expect((await purge.purgeExpired()).auditEvents).toBe(3);
      const left = (await audit.query({}, { limit: 10 })).events.map((event) => event.actorUserId);
      expect(left).toEqual(['recent']);
      const withoutRetention = createExpiredRowPurge({
        db: handle.db,
        clock: frozenClock(START + 999 * DAY_MS),
        batchSize: 2,
      });
      expect((await withoutRetention.purgeExpired()).auditEvents).toBe(0);
    });
  });
}

describe('audit log failures', () => {
  it('record() never throws when the database is gone', async () => {
    const url = await testDatabaseUrl('libsql', 'flowless_audit_gone');
    const db = await createDatabase<FlowlessDatabase>({
      DATABASE_URL: url,
      DATABASE_POOL_MIN: 0,
      DATABASE_POOL_MAX: 1,
    });
    await db.destroy();
    const audit = createAuditLog({
      store: createAuditStore(db),
      clock: frozenClock(START),
      logger: silentLogger,
    });
    await expect(audit.record({ action: 'sign_up', outcome: 'success' })).resolves.toBeUndefined();
  });
});

/** The plan of the admin query for `filter`, as one text, on a table of `rows` varied events. */
async function planOf(
  handle: FlowlessDatabaseHandle,
  dialect: string,
  filter: Parameters<typeof auditListQuery>[1],
) {
  const compiled = auditListQuery(handle.db, filter, 51, {
    occurredAt: START + 4000 * 1000,
    id: 4000,
  }).compile();
  const prefix = dialect === 'libsql' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  const result = await handle.db.executeQuery(
    CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
  );
  return JSON.stringify(result.rows);
}

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`audit query plan on ${dialect}`, () => {
    let handle: FlowlessDatabaseHandle;
    beforeAll(async () => {
      handle = await freshDatabase(dialect, 'flowless_audit_plan');
      const actions: AuditAction[] = ['sign_in.succeeded', 'sign_in.failed', 'sign_up', 'admin.user_banned'];
      for (let chunk = 0; chunk < 10; chunk++) {
        const values = Array.from({ length: 500 }, (_, i) => {
          const n = chunk * 500 + i;
          return {
            occurred_at: START + n * 1000,
            action: actions[n % 4] as string,
            outcome: n % 7 === 0 ? 'failure' : 'success',
            actor_user_id: `usr_${n % 200}`,
            subject_user_id: `usr_${(n * 7) % 300}`,
            ip: null,
            user_agent: null,
            details: null,
          };
        });
        await handle.db.insertInto('audit_events').values(values).execute();
      }
      if (dialect === 'postgresql') await handle.db.executeQuery(CompiledQuery.raw('ANALYZE audit_events'));
      if (dialect === 'mysql') await handle.db.executeQuery(CompiledQuery.raw('ANALYZE TABLE audit_events'));
      if (dialect === 'libsql') await handle.db.executeQuery(CompiledQuery.raw('ANALYZE'));
    });
    afterAll(async () => handle.db.destroy());

    const cases: [string, Parameters<typeof auditListQuery>[1], string][] = [
      ['no filter', {}, 'audit_events_occurred_idx'],
      ['an action', { action: 'sign_in.failed' }, 'audit_events_action_idx'],
      ['an actor', { actorUserId: 'usr_7' }, 'audit_events_actor_idx'],
      ['a subject', { subjectUserId: 'usr_9' }, 'audit_events_subject_idx'],
      ['a time range', { from: START + 1000 * 1000, to: START + 2000 * 1000 }, 'audit_events_occurred_idx'],
    ];
    for (const [name, filter, index] of cases) {
      it(`the query with ${name} reads ${index}, never the whole table`, async () => {
        const plan = await planOf(handle, dialect, filter);
        expect(plan).toContain(index);
        // PostgreSQL's sequential scan, MySQL's access type ALL, SQLite's SCAN without an index.
        expect(plan).not.toMatch(/Seq Scan|"type":"ALL"|SCAN audit_events(?! USING)/);
      });
    }
  });
}
