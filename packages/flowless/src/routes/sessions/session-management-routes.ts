/**
 * @module The signed-in user's sessions: `GET /auth/sessions` lists them (device, IP, user agent,
 * created, last seen, which one is current), `DELETE /auth/sessions/:id` ends one and
 * `DELETE /auth/sessions` ends all but the current one. Ending the current session needs nothing
 * more (it is a logout); ending any other needs a fresh proof in the body (the current password or
 * a second-factor code), so a stolen session cannot sign its owner out everywhere. Every ending is
 * written to the revocation outbox and published, so it reaches every Flowfull instance.
 */
import type { Context, Hono } from 'hono';
import { FlowlessError } from '../../errors.js';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { rateLimit, requireSession } from '../../http/middleware.js';
import { parseBody } from '../../http/request-body.js';
import { clearSessionCookie } from '../../http/session-cookie.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { activeSessionsOf, sessionHashOf } from '../../sessions/session-directory.js';
import { confirmProof, currentUser, type ProofInput } from '../two-factor/two-factor-guards.js';
import { proofBody } from '../two-factor/two-factor-schemas.js';
import { presentSessionSummary } from './session-summary-presenter.js';

/** 404 `SESSION_NOT_FOUND`: the user has no session with this id. */
export function sessionNotFound(): FlowlessError {
  return new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'Session not found', {
    status: 404,
    extra: { code: 'SESSION_NOT_FOUND' },
  });
}

/** Where a proof comes from: read only once the session is known to exist (a 404 comes first). */
export type ProofSource = () => Promise<ProofInput>;

async function confirmFreshProof(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  proof: ProofSource,
): Promise<string> {
  const input = await proof();
  const user = await currentUser(services, c);
  await confirmProof(services, c, user, input, { change: 'session_end' });
  return user.id;
}

/**
 * Ends the session of the signed-in user with row id `id`: the current one at once (a logout,
 * its cookie cleared), any other after a fresh proof.
 *
 * @throws FlowlessError 404 `SESSION_NOT_FOUND` when the user has no such session; the proof's refusals.
 */
export async function endOwnSession(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  id: string,
  proof: ProofSource,
): Promise<'current' | 'other'> {
  const { db, sessions, config, logger } = services;
  const current = c.get('session');
  if (id === current.id) {
    await sessions.revokeHash(current.hash);
    clearSessionCookie(c, config.SESSION_COOKIE_SECURE);
    return 'current';
  }
  const hash = await sessionHashOf(db, current.userId, id);
  if (hash === null) throw sessionNotFound();
  await confirmFreshProof(services, c, proof);
  await sessions.revokeHash(hash);
  logger.info({ event: 'session.ended', user_id: current.userId, session: id }, 'session ended by its user');
  return 'other';
}

/**
 * Ends every session of the signed-in user but the current one, after a fresh proof; answers how
 * many ended.
 */
export async function endOtherSessions(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
  proof: ProofSource,
): Promise<number> {
  const { db, sessions, clock, logger } = services;
  const current = c.get('session');
  const userId = await confirmFreshProof(services, c, proof);
  const others = (await activeSessionsOf(db, userId, clock.now())).filter((s) => s.id !== current.id);
  for (const other of others) await sessions.revokeHash(other.hash);
  logger.info(
    { event: 'session.ended_others', user_id: userId, count: others.length },
    'other sessions ended',
  );
  return others.length;
}

/**
 * Registers the session management routes.
 */
export function registerSessionManagementRoutes(app: Hono<FlowlessEnv>, services: FlowlessServices): void {
  const { db, clock } = services;
  const guards = [rateLimit(services, 'default'), requireSession(services)] as const;
  const proofOf =
    (c: Context<FlowlessEnv>): ProofSource =>
    () =>
      parseBody(c, proofBody);

  app.get('/auth/sessions', ...guards, async (c) => {
    const current = c.get('session');
    const list = await activeSessionsOf(db, current.userId, clock.now(), current.hash);
    return c.json({ success: true, sessions: list.map((s) => presentSessionSummary(s, current.id)) });
  });

  app.delete('/auth/sessions/:id', ...guards, async (c) => {
    const ended = await endOwnSession(services, c, c.req.param('id'), proofOf(c));
    return c.json({ success: true, message: 'Session ended', current: ended === 'current' });
  });

  app.delete('/auth/sessions', ...guards, async (c) => {
    const ended = await endOtherSessions(services, c, proofOf(c));
    return c.json({ success: true, message: 'Other sessions ended', ended });
  });
}
