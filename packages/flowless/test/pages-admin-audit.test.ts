/**
 * The admin audit page: the events newest first (when, action, outcome, actor, subject, IP),
 * filtered by action, outcome, person and time range through a GET form, paged by keyset (an
 * "Older events" link). The server's clock is frozen so the time range is exact. One database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frozenClock } from '../src/runtime/clock.js';
import { getPage } from './support/admin-pages.js';
import { freshDatabase, type Harness, seedUser, startFlowless } from './support/flowless-harness.js';

const PASSWORD = 'admin audit password';
const START = Date.UTC(2030, 0, 15, 9, 0);
const MINUTE = 60_000;

describe('admin pages: audit log', () => {
  const clock = frozenClock(START);
  let h: Harness;
  let admin: string;
  let adminId: string;
  let aliceId: string;

  const call = async (path: string) => {
    const res = await getPage(h, path, admin);
    return { status: res.status, body: await res.text() };
  };
  const rows = (body: string) => (body.match(/<tr><td><time/g) ?? []).length;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_admin_audit'), {
      clock,
      env: { SESSION_COOKIE_SECURE: 'false' },
    });
    adminId = await seedUser(h, { email: 'admin@example.test', password: PASSWORD, userType: 'admin' });
    aliceId = await seedUser(h, { email: 'alice@example.test', password: PASSWORD });
    const { audit } = h.services;
    // 09:00 a failed sign-in of Alice, 09:10 a ban of Alice by the admin, 09:20 Alice's sign-in.
    await audit.record({
      action: 'sign_in.failed',
      outcome: 'failure',
      actorUserId: aliceId,
      ip: '203.0.113.7',
      details: { reason: 'invalid_credentials' },
    });
    clock.advance(10 * MINUTE);
    await audit.record({
      action: 'admin.user_banned',
      outcome: 'success',
      actorUserId: adminId,
      subjectUserId: aliceId,
      ip: '198.51.100.2',
    });
    clock.advance(10 * MINUTE);
    await audit.record({
      action: 'sign_in.succeeded',
      outcome: 'success',
      actorUserId: aliceId,
      details: { method: 'password' },
    });
    clock.advance(10 * MINUTE);
    const res = await h.app.request('http://flowless.test/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.test', password: PASSWORD }),
    });
    admin = ((await res.json()) as { session_id: string }).session_id;
  });
  afterAll(() => h.stop());

  it('lists events newest first with when, action, outcome, actor, subject and IP', async () => {
    const { status, body } = await call('/admin/audit?action=admin.user_banned');
    expect(status).toBe(200);
    expect(rows(body)).toBe(1);
    expect(body).toContain('<time datetime="2030-01-15T09:10:00.000Z">2030-01-15 09:10 UTC</time>');
    expect(body).toContain(`<a href="/admin/users/${adminId}">admin@example.test</a>`);
    expect(body).toContain(`<a href="/admin/users/${aliceId}">alice@example.test</a>`);
    expect(body).toContain('<td>198.51.100.2</td>');
    for (const header of ['When', 'Action', 'Outcome', 'Actor', 'Subject', 'IP address']) {
      expect(body).toContain(`<th scope="col">${header}</th>`);
    }
    const all = (await call('/admin/audit')).body;
    expect(all.indexOf('sign_in.succeeded')).toBeLessThan(all.indexOf('admin.user_banned'));
    expect(all.indexOf('admin.user_banned')).toBeLessThan(all.indexOf('<td>sign_in.failed</td>'));
    expect(all).toContain('reason: invalid_credentials');
  });

  it('filters by outcome, by person (email or id, actor or subject) and by time range', async () => {
    const failures = (await call('/admin/audit?outcome=failure')).body;
    expect(rows(failures)).toBe(1);
    expect(failures).toContain('<td>sign_in.failed</td>');
    // Alice is the actor of two events and the subject of one; the admin's sign-in is not hers.
    expect(rows((await call('/admin/audit?user=alice%40example.test')).body)).toBe(3);
    expect(rows((await call(`/admin/audit?user=${aliceId}`)).body)).toBe(3);
    const range = (await call('/admin/audit?from=2030-01-15T09:05&to=2030-01-15T09:20')).body;
    expect(rows(range)).toBe(1);
    expect(range).toContain('<td>admin.user_banned</td>');
    // The filter stays in the form.
    expect(range).toMatch(
      /<input id="field-from" name="from" type="datetime-local" value="2030-01-15T09:05"/,
    );
  });

  it('shows a refused filter next to its field (400)', async () => {
    const bad = await call('/admin/audit?action=drop_tables&from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="field-action-error"');
    expect(bad.body).toContain('id="field-from-error"');
    expect(bad.body).toContain('No events match this filter.');
    const unknown = await call('/admin/audit?user=nobody%40example.test');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('No user has this email address');
    const backwards = await call('/admin/audit?from=2030-01-15T10:00&to=2030-01-15T09:00');
    expect(backwards.body).toContain('id="field-to-error"');
  });

  it('pages through older events by keyset, and refuses a forged cursor', async () => {
    for (let i = 0; i < 55; i++) {
      clock.advance(1000);
      await h.services.audit.record({ action: 'sign_up', outcome: 'success', actorUserId: aliceId });
    }
    const first = await call('/admin/audit?action=sign_up');
    expect(rows(first.body)).toBe(50);
    const older = first.body.match(
      /href="(\/admin\/audit\?action=sign_up&amp;cursor=[^"]+)">Older events/,
    )?.[1];
    expect(older).toBeDefined();
    const second = await call((older ?? '').replaceAll('&amp;', '&'));
    expect(rows(second.body)).toBe(5);
    expect(second.body).not.toContain('Older events');
    expect(second.body).toContain('Newest events');

    const forged = await call('/admin/audit?cursor=not-a-cursor');
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('role="alert"');
  });
});
