/**
 * The admin pages' actions on a person, each a form post answered 303 back to the person's page,
 * or the page again with the refusal: create, edit, type change (the JSON admin routes' type
 * rules), ban and unban, two-factor reset, ending one or every session. One database (libSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, getPage, postForm } from './support/admin-pages.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  loginStatus,
  seedUser,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'admin actions password';

describe('admin pages: actions on a person', () => {
  let h: Harness;
  let admin: string;
  let adminId: string;
  let superadmin: string;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_admin_actions'), {
      env: { SESSION_COOKIE_SECURE: 'false' },
    });
    ({ session: admin, id: adminId } = await signedInUser(h, {
      email: 'admin@example.test',
      password: PASSWORD,
      userType: 'admin',
    }));
    ({ session: superadmin } = await signedInUser(h, {
      email: 'root@example.test',
      password: PASSWORD,
      userType: 'superadmin',
    }));
  });
  afterAll(() => h.stop());

  const person = async (email: string, userType?: string) => {
    const id = await seedUser(h, { email, password: PASSWORD, ...(userType && { userType }) });
    return { id, session: await login(h, email, PASSWORD) };
  };
  const userOf = async (id: string) => {
    const user = await h.services.users.findById(id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  };
  const valid = async (session: string) =>
    (await call(h, 'GET', '/auth/validation', { session })).status === 200;
  /** The one event of `action` on `subjectUserId`, by the admin. */
  const recorded = async (action: Parameters<typeof auditEvents>[1]['action'], subjectUserId: string) => {
    const events = await auditEvents(h, { action, subjectUserId });
    expect(events, action).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: adminId, outcome: 'success' });
    return events[0];
  };
  const expectBackTo = async (res: Response, id: string, done: string) => {
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/users/${id}?done=${done}`);
    const page = await (await getPage(h, res.headers.get('location') ?? '', admin)).text();
    expect(page).toMatch(/<div class="notice success" role="status">[^<]+<\/div>/);
  };

  it('bans: every session of the person ends at once and sign-in is refused; unban lets them back', async () => {
    const target = await person('ban-me@example.test');
    await expectBackTo(await postForm(h, `/admin/users/${target.id}/ban`, admin), target.id, 'banned');
    expect((await userOf(target.id)).isBanned).toBe(true);
    expect(await valid(target.session)).toBe(false);
    expect(await loginStatus(h, 'ban-me@example.test', PASSWORD)).not.toBe(200);
    const page = await (await getPage(h, `/admin/users/${target.id}`, admin)).text();
    expect(page).toContain('id="unban-user"');

    await expectBackTo(await postForm(h, `/admin/users/${target.id}/unban`, admin), target.id, 'unbanned');
    expect((await userOf(target.id)).isBanned).toBe(false);
    expect(await loginStatus(h, 'ban-me@example.test', PASSWORD)).toBe(200);
    await recorded('admin.user_banned', target.id);
    await recorded('admin.user_unbanned', target.id);
  });

  it('changes the type within the rules: only a superadmin grants, removes or touches superadmin', async () => {
    const target = await person('typed@example.test');
    await expectBackTo(
      await postForm(h, `/admin/users/${target.id}/type`, admin, { user_type: 'editor' }),
      target.id,
      'type',
    );
    expect((await userOf(target.id)).userType).toBe('editor');
    expect((await recorded('admin.user_type_changed', target.id))?.details).toEqual({
      from_type: 'customer',
      to_type: 'editor',
    });

    // Any spelling of superadmin is superadmin.
    const granted = await postForm(h, `/admin/users/${target.id}/type`, admin, { user_type: 'Super_Admin' });
    expect(granted.status).toBe(403);
    expect(await granted.text()).toContain('Only a superadmin can grant or remove the superadmin type');
    expect((await userOf(target.id)).userType).toBe('editor');
    const denied = await auditEvents(h, { action: 'admin.access_denied', subjectUserId: target.id });
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      actorUserId: adminId,
      outcome: 'denied',
      details: { route: 'POST /admin/users/:id/type', reason: 'superadmin_only' },
    });

    await expectBackTo(
      await postForm(h, `/admin/users/${target.id}/type`, superadmin, { user_type: 'superadmin' }),
      target.id,
      'type',
    );
    expect((await userOf(target.id)).userType).toBe('superadmin');
    for (const path of ['/type', '/ban', '/sessions/end', '/two-factor/reset', '']) {
      const res = await postForm(h, `/admin/users/${target.id}${path}`, admin, {
        user_type: 'customer',
        email: 'x@example.test',
      });
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('Only a superadmin can modify a superadmin');
    }
    expect(await userOf(target.id)).toMatchObject({
      userType: 'superadmin',
      isBanned: false,
      email: 'typed@example.test',
    });
    expect(await valid(target.session)).toBe(true);
    expect(await auditEvents(h, { action: 'admin.access_denied', subjectUserId: target.id })).toHaveLength(6);
  });

  it('refuses an empty type next to its field (422)', async () => {
    const target = await person('untyped@example.test');
    const res = await postForm(h, `/admin/users/${target.id}/type`, admin, { user_type: '  ' });
    expect(res.status).toBe(422);
    const body = await res.text();
    expect(body).toMatch(/<input id="field-user_type"[^>]*aria-invalid="true"/);
    expect(body).toContain('<p class="field-error" id="field-user_type-error">');
    expect((await userOf(target.id)).userType).toBe('customer');
  });

  it('resets two-factor: every factor and backup code goes, two-factor is off, the person is told', async () => {
    const target = await person('lost-phone@example.test');
    const user = await userOf(target.id);
    const totp = await h.services.twoFactor.setupTotp(user);
    if (!totp) throw new Error('no totp setup');
    await h.services.twoFactor.activate(totp.method);
    await h.services.twoFactor.regenerateBackupCodes(target.id);
    await h.services.users.update(target.id, { twoFactor: true });
    expect((await h.services.twoFactor.methodsOf(target.id)).length).toBeGreaterThanOrEqual(2);

    await expectBackTo(
      await postForm(h, `/admin/users/${target.id}/two-factor/reset`, admin),
      target.id,
      'two_factor_reset',
    );
    expect(await h.services.twoFactor.methodsOf(target.id)).toEqual([]);
    expect((await userOf(target.id)).twoFactor).toBe(false);
    expect((await recorded('admin.two_factor_reset', target.id))?.details).toEqual({ count: 1 });
    await h.services.tasks.drain();
    expect(
      h.mailer.messages.some((m) => m.to === 'lost-phone@example.test' && m.kind === 'two_factor_disabled'),
    ).toBe(true);
    // Signing in no longer asks for a second factor.
    expect(
      (
        await call(h, 'POST', '/auth/login', {
          body: { email: 'lost-phone@example.test', password: PASSWORD },
        })
      ).body,
    ).not.toHaveProperty('requires_2fa', true);
  });

  it('ends one session, then every session, of the person', async () => {
    const target = await person('sessions@example.test');
    const second = await login(h, 'sessions@example.test', PASSWORD);
    const page = await (await getPage(h, `/admin/users/${target.id}`, admin)).text();
    const ids = [...page.matchAll(/\/sessions\/(ses_[^/"]+)\/end"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);

    await expectBackTo(
      await postForm(h, `/admin/users/${target.id}/sessions/${ids[0]}/end`, admin),
      target.id,
      'session_ended',
    );
    expect([await valid(target.session), await valid(second)].filter(Boolean)).toHaveLength(1);

    await expectBackTo(
      await postForm(h, `/admin/users/${target.id}/sessions/end`, admin),
      target.id,
      'sessions_ended',
    );
    expect(await valid(target.session)).toBe(false);
    expect(await valid(second)).toBe(false);
    const ended = await auditEvents(h, { action: 'admin.sessions_ended', subjectUserId: target.id });
    expect(ended.map((event) => event.details.scope)).toEqual(['all', 'one']);
  });

  it("refuses to end another user's session through this user's page (404)", async () => {
    const target = await person('mine@example.test');
    const other = await person('other@example.test');
    const otherPage = await (await getPage(h, `/admin/users/${other.id}`, admin)).text();
    const otherSession = otherPage.match(/\/sessions\/(ses_[^/"]+)\/end"/)?.[1];
    const res = await postForm(h, `/admin/users/${target.id}/sessions/${otherSession}/end`, admin);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('role="alert"');
    expect(await valid(other.session)).toBe(true);
  });

  describe('create', () => {
    it('creates a person and goes to their page', async () => {
      const res = await postForm(h, '/admin/users', admin, {
        email: 'New.Person@example.test',
        password: 'a long enough password',
        name: 'New',
        user_name: 'newperson',
        user_type: 'editor',
        is_verified: 'on',
      });
      const created = await h.services.users.findByEmail('new.person@example.test');
      expect(created).toMatchObject({
        userType: 'editor',
        username: 'newperson',
        isVerified: true,
        name: 'New',
      });
      await expectBackTo(res, created?.id ?? '', 'created');
      expect(await loginStatus(h, 'new.person@example.test', 'a long enough password')).toBe(200);
      expect((await recorded('admin.user_created', created?.id ?? ''))?.details).toEqual({
        to_type: 'editor',
      });
    });

    it('shows each refused field next to it (422) and never echoes the password', async () => {
      const res = await postForm(h, '/admin/users', admin, {
        email: 'not an email',
        password: 'tiny',
        user_name: 'no spaces allowed',
      });
      expect(res.status).toBe(422);
      const body = await res.text();
      expect(body).toContain('id="field-email-error"');
      expect(body).toContain('id="field-user_name-error"');
      expect(body).toContain('value="not an email"');
      expect(body).not.toContain('tiny');

      const weak = await postForm(h, '/admin/users', admin, { email: 'weak@example.test', password: 'tiny' });
      expect(weak.status).toBe(422);
      const weakBody = await weak.text();
      expect(weakBody).toContain('id="field-password-error"');
      expect(weakBody).not.toContain('value="tiny"');
      expect(await h.services.users.findByEmail('weak@example.test')).toBeNull();
    });

    it('refuses a taken email (409) and a superadmin created by an admin (403)', async () => {
      const taken = await postForm(h, '/admin/users', admin, {
        email: 'admin@example.test',
        password: 'a long enough password',
      });
      expect(taken.status).toBe(409);
      expect(await taken.text()).toContain('Email already registered');
      const elevated = await postForm(h, '/admin/users', admin, {
        email: 'wannabe@example.test',
        password: 'a long enough password',
        user_type: 'superadmin',
      });
      expect(elevated.status).toBe(403);
      expect(await elevated.text()).toContain('id="field-user_type-error"');
      expect(await h.services.users.findByEmail('wannabe@example.test')).toBeNull();
    });
  });

  describe('edit', () => {
    it('saves the profile and records the names of the changed fields', async () => {
      const target = await person('edit-me@example.test');
      const res = await postForm(h, `/admin/users/${target.id}`, admin, {
        email: 'edited@example.test',
        name: 'Edi',
        last_name: 'Ted',
        user_name: 'edited',
        phone: '+15550100',
        lang: 'en',
      });
      await expectBackTo(res, target.id, 'saved');
      expect(await userOf(target.id)).toMatchObject({
        email: 'edited@example.test',
        name: 'Edi',
        lastName: 'Ted',
        username: 'edited',
        phone: '+15550100',
        isVerified: false,
      });
      const fields = (await recorded('admin.user_updated', target.id))?.details.fields;
      expect([...(Array.isArray(fields) ? fields : [])].sort()).toEqual([
        'email',
        'is_verified',
        'lang',
        'last_name',
        'name',
        'phone',
        'user_name',
      ]);
    });

    it('shows a bad email next to its field (422) and a taken one as a conflict (409)', async () => {
      const target = await person('edit-bad@example.test');
      const bad = await postForm(h, `/admin/users/${target.id}`, admin, { email: 'nope' });
      expect(bad.status).toBe(422);
      const body = await bad.text();
      expect(body).toMatch(/<input id="field-email"[^>]*value="nope"[^>]*aria-invalid="true"/);
      const taken = await postForm(h, `/admin/users/${target.id}`, admin, { email: 'admin@example.test' });
      expect(taken.status).toBe(409);
      expect(await taken.text()).toContain('Email or username already in use');
      expect((await userOf(target.id)).email).toBe('edit-bad@example.test');
    });
  });
});
