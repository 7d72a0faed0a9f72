/**
 * The audit events of admin actions, through a real Flowless app on PostgreSQL, MariaDB and
 * libSQL: create, edit, ban, unban, type change, second-factor reset, password set, sessions ended
 * and deletion each write exactly one event naming the admin as actor and the user as subject; a
 * non-admin on an admin route, and an admin on a superadmin, write `admin.access_denied`; and
 * `GET /auth/admin/audit` serves the log to admins only, with filters and keyset pages.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS } from '#test-support/databases.js';
import { expectNoSecretStored, takeEvents, takeOneEvent } from './support/audit-events.js';
import {
  call,
  freshDatabase,
  type Harness,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

type Body = Record<string, unknown>;

for (const dialect of TEST_DIALECTS) {
  describe.skipIf(!dialectAvailable(dialect))(`audit events of admins on ${dialect}`, () => {
    let h: Harness;
    let admin: { id: string; session: string };
    let customer: { id: string; session: string };
    beforeAll(async () => {
      h = await startFlowless(await freshDatabase(dialect, 'flowless_audit_admin'));
      admin = await signedInUser(h, {
        email: 'boss@example.test',
        password: 'admin password 1',
        userType: 'admin',
      });
      customer = await signedInUser(h, { email: 'cust@example.test', password: 'customer password 1' });
    });
    afterAll(async () => h.stop());
    beforeEach(async () => {
      await takeEvents(h);
    });

    const asAdmin = (method: string, path: string, body?: Body) =>
      call(h, method, path, { session: admin.session, ...(body && { body }) });

    it('create, edit, ban, unban, type change and 2FA reset each record one event, admin as actor', async () => {
      const created = await asAdmin('POST', '/auth/admin/users', {
        email: 'made@example.test',
        password: 'made by an admin 1',
        user_type: 'staff',
      });
      expect(created.status).toBe(201);
      const id = (created.body.user as { id: string }).id;
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'admin.user_created',
        outcome: 'success',
        actorUserId: admin.id,
        subjectUserId: id,
        details: { to_type: 'staff' },
      });
      const steps: [Body, string, Body][] = [
        [{ name: 'Renamed' }, 'admin.user_updated', { fields: ['name'] }],
        [{ is_banned: true }, 'admin.user_banned', { fields: ['is_banned'] }],
        [{ is_banned: false }, 'admin.user_unbanned', { fields: ['is_banned'] }],
        [{ user_type: 'customer' }, 'admin.user_type_changed', { from_type: 'staff', to_type: 'customer' }],
        [{ two_factor: true }, 'admin.user_updated', { fields: ['two_factor'] }],
        [{ two_factor: false }, 'admin.two_factor_reset', { fields: ['two_factor'] }],
      ];
      for (const [body, action, details] of steps) {
        expect((await asAdmin('PATCH', `/auth/admin/users/${id}`, body)).status).toBe(200);
        expect(await takeOneEvent(h)).toMatchObject({
          action,
          actorUserId: admin.id,
          subjectUserId: id,
          details,
        });
      }
      await expectNoSecretStored(h, ['made by an admin 1', admin.session]);
    });

    it('setting a password, ending sessions and deleting a user each record one event', async () => {
      const target = await signedInUser(h, { email: 'tgt@example.test', password: 'target password 1' });
      await takeEvents(h);
      const set = await asAdmin('POST', '/auth/password-change/admin', {
        user_id: target.id,
        new_password: 'set by the admin 2',
      });
      expect(set.status).toBe(200);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'password.changed',
        actorUserId: admin.id,
        subjectUserId: target.id,
        details: { method: 'admin' },
      });
      expect((await asAdmin('DELETE', `/auth/admin/users/${target.id}/sessions`)).status).toBe(200);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'admin.sessions_ended',
        subjectUserId: target.id,
        details: { scope: 'all' },
      });
      expect((await asAdmin('DELETE', `/auth/users/${target.id}`)).status).toBe(200);
      expect(await takeOneEvent(h)).toMatchObject({ action: 'admin.user_deleted', subjectUserId: target.id });
      await expectNoSecretStored(h, ['set by the admin 2', target.session]);
    });

    it('a non-admin on an admin route, and an admin on a superadmin, record admin.access_denied', async () => {
      const res = await call(h, 'GET', '/auth/admin/users', { session: customer.session });
      expect(res.status).toBe(403);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'admin.access_denied',
        outcome: 'denied',
        actorUserId: customer.id,
        subjectUserId: null,
        details: { route: 'GET /auth/admin/users', reason: 'not_admin' },
      });
      const root = await signedInUser(h, {
        email: 'root@example.test',
        password: 'root password 1',
        userType: 'superadmin',
      });
      await takeEvents(h);
      expect((await asAdmin('PATCH', `/auth/admin/users/${root.id}`, { name: 'x' })).status).toBe(403);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'admin.access_denied',
        actorUserId: admin.id,
        subjectUserId: root.id,
        details: { reason: 'superadmin_only' },
      });
      await expectNoSecretStored(h, [customer.session]);
    });

    it('GET /auth/admin/audit: admins only, filters, keyset pages, 400 on a bad query', async () => {
      for (const name of ['a', 'b', 'c'])
        await asAdmin('PATCH', `/auth/admin/users/${customer.id}`, { name });
      await call(h, 'POST', '/auth/login', { body: { email: 'cust@example.test', password: 'wrong one' } });
      const page1 = await asAdmin('GET', '/auth/admin/audit?action=admin.user_updated&limit=2');
      expect(page1.status).toBe(200);
      const events1 = page1.body.events as Body[];
      expect(events1).toHaveLength(2);
      expect(events1[0]).toMatchObject({ action: 'admin.user_updated', subject_user_id: customer.id });
      expect(String(events1[0]?.occurred_at)).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      const cursor = page1.body.next_cursor as string;
      const page2 = await asAdmin(
        'GET',
        `/auth/admin/audit?action=admin.user_updated&limit=2&cursor=${cursor}`,
      );
      expect((page2.body.events as Body[]).map((e) => e.id)).toHaveLength(1);
      expect(page2.body.next_cursor).toBeNull();
      const failed = await asAdmin('GET', `/auth/admin/audit?outcome=failure&subject_user_id=${customer.id}`);
      expect((failed.body.events as Body[]).map((e) => e.action)).toEqual(['sign_in.failed']);
      const range = await asAdmin(
        'GET',
        '/auth/admin/audit?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z',
      );
      expect(range.body.events).toEqual([]);

      for (const bad of ['action=nope', 'limit=0', 'limit=101', 'from=yesterday', 'cursor=abc']) {
        const res = await asAdmin('GET', `/auth/admin/audit?${bad}`);
        expect(res.status, bad).toBe(400);
        expect(res.body.code).toBe('ERR_FLOWLESS_BAD_REQUEST');
      }
      await takeEvents(h);
      expect((await call(h, 'GET', '/auth/admin/audit', { session: customer.session })).status).toBe(403);
      expect(await takeOneEvent(h)).toMatchObject({
        action: 'admin.access_denied',
        actorUserId: customer.id,
      });
      expect((await call(h, 'GET', '/auth/admin/audit')).status).toBe(401);
    });
  });
}
