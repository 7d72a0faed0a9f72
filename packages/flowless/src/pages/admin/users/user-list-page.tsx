/**
 * @module `/admin/users`: people found by email, name or username, filtered by type and ban, a
 * page at a time (the JSON admin list's query rules), each linking to its detail page.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import { listQuery } from '../../../routes/admin/admin-schemas.js';
import type { UserRecord } from '../../../users/user-record.js';
import { type Column, DataTable } from '../../data-table.js';
import { Field, Notice, SelectField } from '../../form-fields.js';
import { Time } from '../admin-format.js';
import type { AdminRouter } from '../admin-router.js';

const PAGE_SIZE = 25;
const STATUSES = [
  ['', 'Everyone'],
  ['active', 'Not banned'],
  ['banned', 'Banned'],
] as const;

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
      <SelectField name="banned" label="Status" value={filter.banned} options={STATUSES} />
      <button type="submit">Search</button>
    </form>
  );
}

const USER_COLUMNS: readonly Column<UserRecord>[] = [
  {
    header: 'Email',
    cell: (user) => <a href={`/admin/users/${encodeURIComponent(user.id)}`}>{user.email}</a>,
  },
  { header: 'Name', cell: (user) => [user.name, user.lastName].filter(Boolean).join(' ') },
  { header: 'Username', cell: (user) => user.username ?? '' },
  { header: 'Type', cell: (user) => user.userType },
  { header: 'Status', cell: (user) => (user.isBanned ? 'Banned' : 'Active') },
  { header: 'Created', cell: (user) => <Time ms={user.createdAt} /> },
];

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
        <DataTable
          caption="People"
          columns={USER_COLUMNS}
          rows={result.users}
          empty={<p>No one matches this search.</p>}
        />
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
