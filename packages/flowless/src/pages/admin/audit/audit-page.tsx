/**
 * @module `/admin/audit`: the audit log, newest first, filtered by action, outcome, person and
 * time range (a GET form, so a filtered view is a link), a page at a time with a link to the
 * older events (keyset paging: the cursor names the last event shown).
 */
import type { Context } from 'hono';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditRecord } from '../../../audit/audit-event.js';
import { FlowlessError } from '../../../errors.js';
import type { FlowlessEnv } from '../../../http/flowless-env.js';
import type { UserRecord } from '../../../users/user-record.js';
import { type Column, DataTable } from '../../data-table.js';
import { Field, type FieldErrors, Notice, SelectField } from '../../form-fields.js';
import { Time } from '../admin-format.js';
import type { AdminRouter } from '../admin-router.js';
import { type AuditFilterForm, auditFilterForm, auditFilterOf } from './audit-filter.js';

const PAGE_SIZE = 50;

/** A filter's drop-down: any, or one of `values`. */
function Choice(props: {
  name: string;
  label: string;
  value: string;
  values: readonly string[];
  errors?: FieldErrors | undefined;
}) {
  const { values, ...field } = props;
  return (
    <SelectField {...field} options={[['', 'Any'], ...values.map((value) => [value, value] as const)]} />
  );
}

function FilterForm({ form, errors }: { form: AuditFilterForm; errors?: FieldErrors | undefined }) {
  return (
    <form method="get" action="/admin/audit" class="card" id="audit-filter" aria-labelledby="filter-heading">
      <h2 id="filter-heading">Filter</h2>
      <Choice name="action" label="Action" value={form.action} values={AUDIT_ACTIONS} errors={errors} />
      <Choice name="outcome" label="Outcome" value={form.outcome} values={AUDIT_OUTCOMES} errors={errors} />
      <Field
        name="user"
        label="Person"
        value={form.user}
        errors={errors}
        hint="Email address or user id, as actor or subject"
      />
      <Field name="from" label="From (UTC)" type="datetime-local" value={form.from} errors={errors} />
      <Field name="to" label="Until (UTC)" type="datetime-local" value={form.to} errors={errors} />
      <button type="submit">Show events</button>
    </form>
  );
}

function Person({ id, people }: { id: string | null; people: ReadonlyMap<string, UserRecord> }) {
  if (id === null) return <span class="muted">—</span>;
  const person = people.get(id);
  if (!person) return <span>{id} (deleted)</span>;
  return <a href={`/admin/users/${encodeURIComponent(id)}`}>{person.email}</a>;
}

const detailText = (event: AuditRecord): string =>
  Object.entries(event.details)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');

/** The columns of the event table; `people` names the actors and subjects. */
const eventColumns = (people: ReadonlyMap<string, UserRecord>): readonly Column<AuditRecord>[] => [
  { header: 'When', cell: (event) => <Time ms={event.occurredAt} /> },
  { header: 'Action', cell: (event) => event.action },
  { header: 'Outcome', cell: (event) => event.outcome },
  { header: 'Actor', cell: (event) => <Person id={event.actorUserId} people={people} /> },
  { header: 'Subject', cell: (event) => <Person id={event.subjectUserId} people={people} /> },
  { header: 'IP address', cell: (event) => event.ip ?? '—' },
  { header: 'Details', cell: detailText },
];

/** `/admin/audit?…` for the form's filter, from `cursor`. */
function pageHref(form: AuditFilterForm, cursor: string | null): string {
  const params = new URLSearchParams(Object.entries(form).filter(([, value]) => value !== ''));
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}

async function peopleOf(
  admin: AdminRouter,
  events: readonly AuditRecord[],
): Promise<Map<string, UserRecord>> {
  // One query for the page's people: a look-up per name cost most of the page's time.
  const ids = events.flatMap((event) => [event.actorUserId, event.subjectUserId]).filter((id) => id !== null);
  const found = await admin.services.users.findByIds(ids);
  return new Map(found.map((user) => [user.id, user]));
}

async function auditPage(admin: AdminRouter, c: Context<FlowlessEnv>): Promise<Response> {
  const form = auditFilterForm(c.req.query());
  const cursor = c.req.query('cursor') ?? null;
  const read = await auditFilterOf(form, admin.services.users);
  let events: AuditRecord[] = [];
  let nextCursor: string | null = null;
  let notice: string | undefined;
  if (read.ok) {
    try {
      ({ events, nextCursor } = await admin.services.audit.query(read.filter, { limit: PAGE_SIZE, cursor }));
    } catch (error) {
      if (!(error instanceof FlowlessError)) throw error;
      notice = 'That page of the log does not exist; start again from the newest events.';
    }
  }
  const failed = !read.ok || notice !== undefined;
  return admin.render(
    c,
    { title: 'Audit log', section: 'audit', status: failed ? 400 : 200 },
    <>
      <h1>Audit log</h1>
      <Notice kind="error" message={notice} />
      <FilterForm form={form} errors={read.ok ? undefined : read.errors} />
      <section class="card" aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        <DataTable
          caption="Audit events, newest first"
          columns={eventColumns(await peopleOf(admin, events))}
          rows={events}
          empty={<p>No events match this filter.</p>}
        />
        <nav class="row" aria-label="Pages of events">
          {cursor ? <a href={pageHref(form, null)}>Newest events</a> : null}
          {nextCursor ? <a href={pageHref(form, nextCursor)}>Older events</a> : null}
        </nav>
      </section>
    </>,
  );
}

/**
 * Registers `GET /admin/audit`.
 */
export function registerAuditPage(admin: AdminRouter): void {
  admin.get('/admin/audit', (c) => auditPage(admin, c));
}
