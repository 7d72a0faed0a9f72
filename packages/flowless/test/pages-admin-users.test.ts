/**
 * The admin pages for people (/admin/users): only admins get in (every GET and POST checked on the
 * server), search and filters, a person's page with everything about them, and each action with
 * the JSON admin routes' rules: create, edit, type change, ban and unban, two-factor reset, ending
 * sessions. One database (libSQL): the services underneath are tested on all three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRoutesOf } from '../src/pages/page-router.js';
import { createSocialLoginServices } from '../src/social/social-login-services.js';
import { auditEvents, getPage, postForm } from './support/admin-pages.js';
import {
  call,
  freshDatabase,
  type Harness,
  login,
  seedUser,
  signedInUser,
  startFlowless,
} from './support/flowless-harness.js';

const PASSWORD = 'admin pages password';

describe('admin pages: users', () => {
  let h: Harness;
  let admin: string;
  let customer: string;
  let customerId: string;

  beforeAll(async () => {
    h = await startFlowless(await freshDatabase('libsql', 'flowless_pages_admin_users'), {
      env: { SESSION_COOKIE_SECURE: 'false' },
    });
    ({ session: admin } = await signedInUser(h, {
      email: 'admin@example.test',
      password: PASSWORD,
      userType: 'admin',
    }));
    ({ session: customer, id: customerId } = await signedInUser(h, {
      email: 'customer@example.test',
      password: PASSWORD,
    }));
  });
  afterAll(() => h.stop());

  const person = async (email: string, fields: { userType?: string; username?: string } = {}) => {
    const id = await seedUser(h, { email, password: PASSWORD, ...fields });
    return { id, session: await login(h, email, PASSWORD) };
  };
  const userOf = async (id: string) => {
    const user = await h.services.users.findById(id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  };
  /** The admin routes with their parameters filled in. */
  const adminRoutes = (targetId: string) =>
    [...pageRoutesOf(h.app)]
      .filter((route) => route.split(' ')[1]?.startsWith('/admin'))
      .map((route) => {
        const [method = '', path = ''] = route.split(' ');
        return { method, path: path.replace(':id', targetId).replace(':sessionId', 'ses_unknown') };
      });

  it('sends a signed-out visitor to sign in and back, from every admin route', async () => {
    const routes = adminRoutes(customerId);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const { method, path } of routes) {
      const res = method === 'get' ? await getPage(h, path) : await postForm(h, path, undefined);
      expect(res.status, `${method} ${path}`).toBe(303);
      // A form target cannot be opened by GET: the browser comes back to the dashboard.
      const back = method === 'get' ? path : '/admin';
      expect(res.headers.get('location')).toBe(`/sign-in?redirect=${encodeURIComponent(back)}`);
    }
  });

  it('answers an ordinary signed-in user 403 with a page on every admin route, GET and POST, and changes nothing', async () => {
    const target = await person('target-403@example.test');
    for (const { method, path } of adminRoutes(target.id)) {
      const res =
        method === 'get'
          ? await getPage(h, path, customer)
          : await postForm(h, path, customer, { email: 'taken-over@example.test', user_type: 'superadmin' });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<h1>Not allowed</h1>');
    }
    const after = await userOf(target.id);
    expect(after).toMatchObject({ email: 'target-403@example.test', userType: 'customer', isBanned: false });
    expect((await call(h, 'GET', '/auth/validation', { session: target.session })).status).toBe(200);
    expect(await h.services.users.findByEmail('taken-over@example.test')).toBeNull();
    // Each refusal is recorded once, with the route it was refused on.
    const denied = await auditEvents(h, { action: 'admin.access_denied', actorUserId: customerId });
    expect(denied).toHaveLength(adminRoutes(target.id).length);
    expect(denied.every((event) => event.outcome === 'denied')).toBe(true);
    expect(denied.map((event) => event.details.route)).toContain('POST /admin/users/:id/ban');
    expect(denied.every((event) => event.details.reason === 'not_admin')).toBe(true);
  });

  it('refuses every admin form posted from another origin, and changes nothing', async () => {
    const target = await person('csrf-target@example.test');
    const posts = adminRoutes(target.id).filter((route) => route.method === 'post');
    expect(posts.length).toBeGreaterThanOrEqual(8);
    for (const { path } of posts) {
      const res = await postForm(
        h,
        path,
        admin,
        { email: 'csrf@example.test', password: 'a long enough password', user_type: 'editor' },
        'https://attacker.example',
      );
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    }
    expect(await userOf(target.id)).toMatchObject({ isBanned: false, userType: 'customer' });
    expect(await h.services.users.findByEmail('csrf@example.test')).toBeNull();
    expect((await call(h, 'GET', '/auth/validation', { session: target.session })).status).toBe(200);
  });

  it('shows the create form with a label for every field', async () => {
    const res = await getPage(h, '/admin/users/new', admin);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<form method="post" action="/admin/users"');
    for (const name of ['email', 'password', 'name', 'last_name', 'user_name', 'user_type']) {
      expect(body).toContain(`<label for="field-${name}">`);
    }
    expect(body).toMatch(
      /<input id="field-password" name="password" type="password" autocomplete="new-password"/,
    );
  });

  describe('the list', () => {
    beforeAll(async () => {
      await seedUser(h, { email: 'ana.lopez@example.test', password: PASSWORD, username: 'analopez' });
      await seedUser(h, {
        email: 'bo@example.test',
        password: PASSWORD,
        username: 'bobo',
        userType: 'editor',
      });
      const banned = await seedUser(h, { email: 'banned-one@example.test', password: PASSWORD });
      await h.services.users.update(banned, { isBanned: true, name: 'Zed' });
    });

    const listed = async (query: string) => {
      const res = await getPage(h, `/admin/users${query}`, admin);
      expect(res.status).toBe(200);
      return res.text();
    };

    it('finds people by email, username or name', async () => {
      const byEmail = await listed('?q=lopez');
      expect(byEmail).toContain('ana.lopez@example.test');
      expect(byEmail).not.toContain('bo@example.test');
      expect(await listed('?q=bobo')).toContain('bo@example.test');
      const byName = await listed('?q=zed');
      expect(byName).toContain('banned-one@example.test');
      expect(byName).toContain('1 person');
    });

    it('filters by type and by ban, and keeps the filter in the form', async () => {
      const editors = await listed('?user_type=editor');
      expect(editors).toContain('bo@example.test');
      expect(editors).not.toContain('ana.lopez@example.test');
      expect(editors).toMatch(/<input id="field-user_type" name="user_type" type="text" value="editor"/);
      const banned = await listed('?banned=banned');
      expect(banned).toContain('banned-one@example.test');
      expect(banned).not.toContain('ana.lopez@example.test');
      const active = await listed('?banned=active');
      expect(active).not.toContain('banned-one@example.test');
      expect(active).toContain('ana.lopez@example.test');
    });

    it('pages through everyone, 25 at a time, keeping the filter in the links', async () => {
      for (let i = 0; i < 26; i++) await seedUser(h, { email: `page-${i}@paging.test`, password: PASSWORD });
      const first = await listed('?q=paging');
      expect(first).toContain('Page 1 of 2');
      expect(first).toContain('href="/admin/users?q=paging&amp;page=2"');
      const second = await listed('?q=paging&page=2');
      expect(second.match(/@paging\.test/g)).toHaveLength(1);
      expect(second).toContain('Previous page');
    });

    it('answers a bad query with 400 and a notice, listing everyone', async () => {
      const res = await getPage(h, '/admin/users?page=-3', admin);
      expect(res.status).toBe(400);
      const body = await res.text();
      expect(body).toContain('role="alert"');
      expect(body).toMatch(/<h2 id="results-heading">\d+ people<\/h2>/);
    });
  });

  describe("a person's page", () => {
    it('shows the profile, type, sessions, second factors, passkeys, linked accounts and API tokens', async () => {
      const target = await person('shown@example.test', { username: 'shown' });
      const user = await userOf(target.id);
      await h.services.apiTokens.create(target.id, { name: 'deploy bot', expiresAt: null });
      const totp = await h.services.twoFactor.setupTotp(user);
      if (!totp) throw new Error('no totp setup');
      await h.services.twoFactor.setupCoded(user, 'email', 'shown-codes@example.test');
      await createSocialLoginServices(h.services).accounts.signIn('github', {
        subject: '4242',
        email: 'shown@example.test',
        emailVerified: true,
        name: null,
        picture: null,
        accessToken: null,
        refreshToken: null,
        accessTokenExpiresAt: null,
      });
      const res = await getPage(h, `/admin/users/${target.id}`, admin);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('<h1>shown@example.test</h1>');
      expect(body).toContain('<dd>customer</dd>');
      expect(body).toContain('deploy bot (<code>flw_pat_');
      expect(body).toContain('totp, not finished');
      expect(body).toContain('email (s***@example.test)');
      expect(body).not.toContain('shown-codes@example.test');
      expect(body).not.toContain(totp.secret);
      expect(body).toContain('github (shown@example.test)');
      expect(body).toContain('No passkeys.');
      // One active session, with its own end button.
      expect(body.match(/action="\/admin\/users\/[^"]+\/sessions\/ses_[^"]+\/end"/g)).toHaveLength(1);
      // Labels for every field of the forms.
      for (const name of ['email', 'name', 'last_name', 'user_name', 'phone', 'lang', 'user_type']) {
        expect(body).toContain(`<label for="field-${name}">`);
      }
    });

    it('answers 404 with a page for an unknown id', async () => {
      const res = await getPage(h, '/admin/users/usr_nobody', admin);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('User not found');
      expect((await postForm(h, '/admin/users/usr_nobody/ban', admin)).status).toBe(404);
    });
  });
});
