/**
 * @module The Management API, on PostgreSQL, MariaDB and libSQL: roles, invitations, audited
 * payload reads, and isolation between workspaces through every parameter.
 */
import { randomUUID } from 'node:crypto';
import { grantSupport } from 'flowfull/vault';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectAvailable, TEST_DIALECTS, testDatabaseUrl } from '#test-support/databases.js';
import { startVault, type VaultHarness } from './vault-harness.js';

type Body = { success: boolean; code?: string; error?: string; data?: unknown };
type Row = Record<string, unknown>;

for (const dialect of TEST_DIALECTS) {
  const available = dialectAvailable(dialect);
  describe.skipIf(!available)(
    `session vault management API on ${dialect}${available ? '' : ' [skipped]'}`,
    () => {
      let h: VaultHarness;
      let alice: string;
      let bob: string;
      let wsA: string;
      let wsB: string;
      let appA: string;
      let appB: string;
      let userB: string;
      let userA: string;

      const call = async (
        path: string,
        session: string,
        workspace: string | null,
        init: RequestInit = {},
      ) => {
        const headers = new Headers(init.headers);
        headers.set('X-Session-ID', session);
        if (workspace !== null) headers.set('X-Workspace-ID', workspace);
        if (init.body) headers.set('Content-Type', 'application/json');
        const res = await h.app.request(`/api/v1${path}`, { ...init, headers });
        const body = (await res.json()) as Body;
        return {
          status: res.status,
          body,
          shape: { status: res.status, code: body.code, error: body.error },
        };
      };
      const post = (path: string, session: string, workspace: string | null, body: unknown) =>
        call(path, session, workspace, { method: 'POST', body: JSON.stringify(body) });
      const endUser = async (applicationId: string, key: string, value: unknown) => {
        const session = h.flowlessSession(`end-${randomUUID()}`);
        const res = await h.signIn(session, applicationId);
        const token = ((await res.json()) as { data: { token: string } }).data.token;
        const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
        await h.app.request(`/api/v1/sessions/set/${key}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ value }),
        });
        const me = await h.app.request('/api/v1/sessions', { headers });
        return ((await me.json()) as { data: { user_id: string } }).data.user_id;
      };

      beforeAll(async () => {
        h = await startVault(await testDatabaseUrl(dialect, 'vault_mgmt'));
        alice = h.flowlessSession(`alice-${randomUUID()}`);
        bob = h.flowlessSession(`bob-${randomUUID()}`);
        wsA = ((await post('/workspaces', alice, null, { name: 'A' })).body.data as Row).id as string;
        wsB = ((await post('/workspaces', bob, null, { name: 'B' })).body.data as Row).id as string;
        appA = (
          (await post('/applications', alice, wsA, { name: 'a', allowed_origins: [] })).body.data as Row
        ).id as string;
        appB = ((await post('/applications', bob, wsB, { name: 'b', allowed_origins: [] })).body.data as Row)
          .id as string;
        userA = await endUser(appA, 'profile', { plan: 'a-plan' });
        userB = await endUser(appB, 'profile', { plan: 'b-secret' });
      });
      afterAll(async () => h?.close());

      it('lets an owner create, list and rename workspaces and applications', async () => {
        const list = await call('/workspaces', alice, null);
        expect(list.body.data).toEqual([{ id: wsA, name: 'A', role: 'OWNER' }]);
        expect(
          (await call('/workspaces', alice, wsA, { method: 'PATCH', body: JSON.stringify({ name: 'A2' }) }))
            .status,
        ).toBe(200);
        expect(((await call('/workspaces', alice, null)).body.data as Row[])[0]?.name).toBe('A2');
        const apps = await call('/applications', alice, wsA);
        expect((apps.body.data as Row[]).map((a) => a.id)).toEqual([appA]);
        expect((await call('/applications', alice, null)).status).toBe(404);
        expect((await call('/applications', 'sess_not_a_session_at_all_000000', wsA)).status).toBe(401);
      });

      it('answers another workspace’s id exactly as an id that does not exist, on every route', async () => {
        const missing = randomUUID();
        const routes: [string, RequestInit?][] = [
          ['/applications'],
          ['/users'],
          ['/invites'],
          ['/audit/events'],
          ['/audit/api-access'],
          [`/users/${userB}/values/profile`],
          ['/workspaces', { method: 'PATCH', body: JSON.stringify({ name: 'taken' }) }],
          ['/applications', { method: 'POST', body: JSON.stringify({ name: 'x' }) }],
          ['/invites', { method: 'POST', body: JSON.stringify({ role: 'ADMIN' }) }],
        ];
        for (const [path, init] of routes) {
          const other = await call(path, alice, wsB, init);
          const none = await call(path, alice, missing, init);
          expect(other.shape, path).toEqual(none.shape);
          expect(other.status, path).toBe(404);
        }
        const names = await call('/workspaces', bob, null);
        expect((names.body.data as Row[])[0]?.name).toBe('B');
      });

      it('finds nothing of another workspace through query and path parameters of its own workspace', async () => {
        const viaApp = await call(`/users?application_id=${appB}`, alice, wsA);
        const viaMissing = await call(`/users?application_id=${randomUUID()}`, alice, wsA);
        expect(viaApp.body.data).toEqual([]);
        expect(viaApp.body).toEqual(viaMissing.body);
        const otherUser = await call(`/users/${userB}/values/profile`, alice, wsA);
        const missingUser = await call(`/users/${randomUUID()}/values/profile`, alice, wsA);
        expect(otherUser.shape).toEqual(missingUser.shape);
        expect(otherUser.status).toBe(404);
        expect(JSON.stringify(otherUser.body)).not.toContain('b-secret');
        const users = (await call('/users', alice, wsA)).body.data as Row[];
        expect(users.map((u) => u.id)).toEqual([userA]);
        const access = (await call('/audit/api-access', alice, wsA)).body.data as Row[];
        expect(access.length).toBeGreaterThan(0);
        expect(access.every((row) => row.user_id === userA)).toBe(true);
      });

      it('writes an audit row with an admin’s payload read, and refuses the read when the row cannot be written', async () => {
        const read = await call(`/users/${userA}/values/profile`, alice, wsA);
        expect(read.status).toBe(200);
        expect((read.body.data as Row).value).toEqual({ plan: 'a-plan' });
        const events = (await call('/audit/events', alice, wsA)).body.data as Row[];
        expect(events).toContainEqual(
          expect.objectContaining({
            action: 'value.read',
            target: `${userA}/profile`,
            actor: expect.stringMatching(/^alice-/),
          }),
        );
        await sql`alter table vault_audit_events rename to vault_audit_events_away`.execute(h.db);
        try {
          const refused = await call(`/users/${userA}/values/profile`, alice, wsA);
          expect(refused.status).toBe(500);
          expect(JSON.stringify(refused.body)).not.toContain('a-plan');
        } finally {
          await sql`alter table vault_audit_events_away rename to vault_audit_events`.execute(h.db);
        }
      });

      it('makes a member with the invited role from a single-use, expiring invitation', async () => {
        const carol = h.flowlessSession(`carol-${randomUUID()}`);
        const dave = h.flowlessSession(`dave-${randomUUID()}`);
        expect((await call('/applications', carol, wsA)).status).toBe(404);
        const invite = (await post('/invites', alice, wsA, { role: 'ADMIN' })).body.data as Row;
        expect(invite.token).toMatch(/^vi_/);
        const listed = (await call('/invites', alice, wsA)).body.data as Row[];
        expect(JSON.stringify(listed)).not.toContain(String(invite.token));
        expect((await post('/invites/accept', carol, null, { token: invite.token })).body.data).toEqual({
          workspace_id: wsA,
          role: 'ADMIN',
        });
        expect((await call('/applications', carol, wsA)).status).toBe(200);
        expect((await post('/invites/accept', dave, null, { token: invite.token })).status).toBe(404);
        const late = (await post('/invites', alice, wsA, { role: 'ADMIN' })).body.data as Row;
        h.advance(8 * 24 * 3600 * 1000);
        expect((await post('/invites/accept', dave, null, { token: late.token })).status).toBe(404);
        expect((await post('/invites', alice, wsA, { role: 'OWNER' })).status).toBe(422);
      });

      it('lets a SUPPORT member read the audit log of its workspace and nothing else', async () => {
        const support = `support-${randomUUID()}`;
        const session = h.flowlessSession(support);
        expect(
          await grantSupport(h.db, { workspaceId: wsA, userId: support, actor: 'cli', now: Date.now() }),
        ).toBe(true);
        expect((await call('/audit/events', session, wsA)).status).toBe(200);
        expect((await call('/audit/api-access', session, wsA)).status).toBe(200);
        for (const path of ['/applications', '/users', '/invites', `/users/${userA}/values/profile`]) {
          expect((await call(path, session, wsA)).shape, path).toEqual(
            (await call(path, session, randomUUID())).shape,
          );
        }
        expect((await call('/audit/events', session, wsB)).status).toBe(404);
      });

      it('keeps USER members out of the Management API', async () => {
        const erin = h.flowlessSession(`erin-${randomUUID()}`);
        const invite = (await post('/invites', alice, wsA, { role: 'USER' })).body.data as Row;
        expect((await post('/invites/accept', erin, null, { token: invite.token })).status).toBe(200);
        const refused = await call('/applications', erin, wsA);
        expect(refused.shape).toEqual((await call('/applications', erin, randomUUID())).shape);
        expect((await call('/workspaces', erin, null)).body.data).toEqual([]);
      });
    },
  );
}
