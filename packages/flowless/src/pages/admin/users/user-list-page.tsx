/**
 * @module `/admin/users`: people found by email, name or username, filtered by type and ban, a
 * page at a time (the JSON admin list's query rules), each linking to its detail page.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import { listQuery } from '../../../routes/admin/admin-schemas.js';
import type { UserRecord } from '../../../users/user-record.js';
import { Field, Notice } from '../../form-fields.js';
import { Time } from '../admin-format.js';
import type { AdminRouter } from '../admin-router.js';

const PAGE_SIZE = 25;

const filterQuery = listQuery.extend({
  banned: z.enum(['', 'banned', 'active']).default(''),
});

/** The list's filter as read from the query. */
type UserFilter = z.output<typeof filterQuery>;

/** `/admin/users?…` for `filter` on `page`. */
function listHref(filter: UserFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.user_type) params.set('user_type', filter.user_type);
  if (filter.banned) params.set('banned', filter.banned);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/users?${query}` : '/admin/users';
}

function FilterForm({ filter }: { filter: UserFilter }) {
  return (
    <form method="get" action="/admin/users" class="card" id="user-search" aria-labelledby="search-heading">
      <h2 id="search-heading">Find people</h2>
      <Field name="q" label="Email, name or username" type="search" value={filter.q} />
      <Field name="user_type" label="Type" value={filter.user_type} hint="For example customer or admin" />
      <div class="field">
        <label for="field-banned">Status</label>
        <select id="field-banned" name="banned">
          <option value="" selected={filter.banned === ''}>
            Everyone
          </option>
          <option value="active" selected={filter.banned === 'active'}>
            Not banned
          </option>
          <option value="banned" selected={filter.banned === 'banned'}>
            Banned
          </option>
        </select>
      </div>
      <button type="submit">Search</button>
    </form>
  );
}

function UserTable({ users }: { users: readonly UserRecord[] }) {
  if (users.length === 0) return <p>No one matches this search.</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">People</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr>
              <td>
                <a href={`/admin/users/${encodeURIComponent(user.id)}`}>{user.email}</a>
              </td>
              <td>{[user.name, user.lastName].filter(Boolean).join(' ')}</td>
              <td>{user.username ?? ''}</td>
              <td>{user.userType}</td>
              <td>{user.isBanned ? 'Banned' : 'Active'}</td>
              <td>
                <Time ms={user.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function listPage(admin: AdminRouter, c: Context<FlowlessEnv>): Promise<Response> {
  const parsed = filterQuery.safeParse({ ...c.req.query(), limit: PAGE_SIZE });
  const filter: UserFilter = parsed.success ? parsed.data : { page: 1, limit: PAGE_SIZE, banned: '' };
  const result = await admin.services.users.list({
    page: filter.page,
    limit: PAGE_SIZE,
    q: filter.q,
    userType: filter.user_type,
    banned: filter.banned === '' ? undefined : filter.banned === 'banned',
  });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  return admin.render(
    c,
    { title: 'Users', section: 'users', status: parsed.success ? 200 : 400 },
    <>
      <div class="row">
        <h1>Users</h1>
        <a class="button" href="/admin/users/new">
          Create a user
        </a>
      </div>
      <Notice
        kind="error"
        message={parsed.success ? undefined : 'That search is not valid; showing everyone.'}
      />
      <FilterForm filter={filter} />
      <section class="card" aria-labelledby="results-heading">
        <h2 id="results-heading">
          {result.total} {result.total === 1 ? 'person' : 'people'}
        </h2>
        <UserTable users={result.users} />
        <nav class="row" aria-label="Pages of people">
          {filter.page > 1 ? <a href={listHref(filter, filter.page - 1)}>Previous page</a> : null}
          <span>
            Page {filter.page} of {pages}
          </span>
          {filter.page < pages ? <a href={listHref(filter, filter.page + 1)}>Next page</a> : null}
        </nav>
      </section>
    </>,
  );
}

/**
 * Registers `GET /admin/users`.
 */
export function registerUserListPage(admin: AdminRouter): void {
  admin.get('/admin/users', (c) => listPage(admin, c));
}
