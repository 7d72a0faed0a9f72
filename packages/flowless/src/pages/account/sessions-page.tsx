/**
 * @module `/account/sessions`: the signed-in user's sessions (device, address, when it started
 * and was last used, which one is this browser). Ending another session, or all of them, asks for
 * a fresh proof first on a confirmation page, as `DELETE /auth/sessions/:id` and
 * `DELETE /auth/sessions` do, through the same functions.
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { endOtherSessions, endOwnSession } from '../../routes/sessions/session-management-routes.js';
import { activeSessionsOf, type SessionSummary } from '../../sessions/session-directory.js';
import { type Column, DataTable, RowAction } from '../data-table.js';
import { readForm } from '../form-body.js';
import { type FieldErrors, FormError } from '../form-fields.js';
import type { PageRouter } from '../page-router.js';
import {
  AccountFrame,
  accountGuards,
  doneNotice,
  failureOf,
  formatTime,
  type PageFailure,
} from './account-kit.js';
import { deviceLabel } from './device-label.js';
import { pageRateLimit } from './page-rate-limit.js';
import { offersTotpProof, PROOF_PLACEMENT, ProofFields, proofFrom } from './proof-fields.js';

const NOTICES = { ended: 'The session was ended.', 'ended-others': 'Your other sessions were ended.' };
const OTHERS = 'others';

/** The columns of the session table; `currentId` is this browser's session. */
const sessionColumns = (currentId: string): readonly Column<SessionSummary>[] => [
  {
    header: 'Device',
    cell: (session) => (
      <>
        <strong>{deviceLabel(session.userAgent)}</strong>
        {session.id === currentId ? <span class="badge">This device</span> : null}
        <br />
        <span class="muted small">{session.userAgent ?? ''}</span>
      </>
    ),
  },
  { header: 'IP address', cell: (session) => session.ipAddress ?? 'Unknown' },
  { header: 'Signed in', cell: (session) => formatTime(session.createdAt) },
  { header: 'Last seen', cell: (session) => formatTime(session.lastUsedAt) },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (session) =>
      session.id === currentId ? (
        <span class="muted">Signed in here</span>
      ) : (
        <RowAction
          method="get"
          action="/account/sessions/end"
          field={{ name: 'session', value: session.id }}
          label="End"
          ariaLabel={`End session: ${deviceLabel(session.userAgent)}`}
        />
      ),
  },
];

async function listSessions(pages: PageRouter, c: Context<FlowlessEnv>) {
  const { db, clock } = pages.services;
  const current = c.get('session');
  const sessions = await activeSessionsOf(db, current.userId, clock.now(), current.hash);
  return pages.render(
    c,
    { title: 'Sessions' },
    <AccountFrame title="Sessions" current="/account/sessions" notice={doneNotice(c, NOTICES)}>
      <section class="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <DataTable id="sessions-table" columns={sessionColumns(current.id)} rows={sessions} />
        {sessions.length > 1 ? (
          <form method="get" action="/account/sessions/end" class="actions">
            <input type="hidden" name="session" value={OTHERS} />
            <button type="submit" class="danger">
              End all other sessions
            </button>
          </form>
        ) : null}
      </section>
    </AccountFrame>,
  );
}

/** The confirmation page of ending `target` (a session id, or every other session). */
async function confirmEnd(
  pages: PageRouter,
  c: Context<FlowlessEnv>,
  target: string,
  failure?: PageFailure,
): Promise<Response> {
  const { db, clock } = pages.services;
  const current = c.get('session');
  const others = (await activeSessionsOf(db, current.userId, clock.now())).filter((s) => s.id !== current.id);
  const one = others.find((s) => s.id === target);
  if (target !== OTHERS && !one) return notFound(pages, c);
  const what = one ? `${deviceLabel(one.userAgent)} (${one.ipAddress ?? 'unknown address'})` : null;
  const errors: FieldErrors | undefined = failure?.errors;
  return pages.render(
    c,
    { title: 'End a session', narrow: true, status: failure?.status ?? 200 },
    <>
      <h1>{one ? 'End this session?' : 'End all other sessions?'}</h1>
      <p>
        {what
          ? `The session on ${what}, last seen ${formatTime(one?.lastUsedAt ?? null)}, will be signed out.`
          : `Every session but this one (${others.length}) will be signed out.`}
      </p>
      <form id="end-session-form" method="post" action="/account/sessions/end">
        <FormError errors={errors} />
        <input type="hidden" name="session" value={target} />
        <ProofFields errors={errors} totp={await offersTotpProof(pages.services, c)} />
        <div class="row">
          <button type="submit" class="danger">
            {one ? 'End session' : 'End all other sessions'}
          </button>
          <a href="/account/sessions">Cancel</a>
        </div>
      </form>
    </>,
  );
}

function notFound(pages: PageRouter, c: Context<FlowlessEnv>) {
  return pages.render(
    c,
    { title: 'Session not found', narrow: true, status: 404 },
    <>
      <h1>Session not found</h1>
      <p>
        That session has ended already, or is not yours. <a href="/account/sessions">Back to your sessions</a>
      </p>
    </>,
  );
}

/**
 * Registers the sessions page, the confirmation and the ending.
 */
export function registerSessionsPage(pages: PageRouter): void {
  const { services } = pages;
  const guards = accountGuards();

  pages.get('/account/sessions', ...guards, (c) => listSessions(pages, c));
  pages.get('/account/sessions/end', ...guards, (c) => confirmEnd(pages, c, c.req.query('session') ?? ''));
  pages.post('/account/sessions/end', ...guards, pageRateLimit(pages, 'default'), async (c) => {
    const form = await readForm(c);
    const target = form.session ?? '';
    const proof = async () => proofFrom(form);
    try {
      if (target === OTHERS) {
        await endOtherSessions(services, c, proof);
        return c.redirect('/account/sessions?done=ended-others', 303);
      }
      const ended = await endOwnSession(services, c, target, proof);
      return c.redirect(ended === 'current' ? '/sign-in' : '/account/sessions?done=ended', 303);
    } catch (error) {
      const failure = failureOf(error, { ...PROOF_PLACEMENT, SESSION_NOT_FOUND: { field: 'form' } });
      if (failure.status === 404) return notFound(pages, c);
      return confirmEnd(pages, c, target, failure);
    }
  });
}
