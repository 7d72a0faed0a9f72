/**
 * @module The audit rows of `npm run bench:pages`: {@link AUDIT_ROWS} events spread over the last
 * 90 days, inserted in batches through Kysely. Actions follow a sign-in-heavy mix, outcomes
 * follow the action (failed sign-ins fail, refusals are denied), actors and subjects are drawn
 * from the seeded people, and the viewed person is the actor or subject of about one event in a
 * hundred, so "by user" filters have a real page to show.
 */
import type { AuditAction, AuditOutcome } from '../../packages/flowless/src/audit/index.js';
import type { BenchDb } from './bench-db.js';

/** Events in the table. */
export const AUDIT_ROWS = 100_000;

const SPAN_MS = 90 * 86_400_000;
const BATCH = 5_000;

/** Each action and its weight in the mix. */
const MIX: readonly (readonly [AuditAction, number])[] = [
  ['sign_in.succeeded', 50],
  ['sign_in.failed', 15],
  ['sign_up', 6],
  ['password.changed', 4],
  ['api_token.created', 4],
  ['api_token.revoked', 2],
  ['two_factor.enabled', 2],
  ['passkey.added', 2],
  ['admin.user_updated', 4],
  ['admin.user_banned', 2],
  ['admin.user_unbanned', 1],
  ['admin.sessions_ended', 2],
  ['admin.access_denied', 3],
  ['admin.configuration_viewed', 3],
];
const WHEEL: readonly AuditAction[] = MIX.flatMap(([action, weight]) => Array(weight).fill(action));
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'okhttp/4.12.0',
] as const;

/** A small deterministic generator, so every seed holds the same events. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function outcomeOf(action: AuditAction): AuditOutcome {
  if (action === 'sign_in.failed') return 'failure';
  if (action === 'admin.access_denied') return 'denied';
  return 'success';
}

function detailsOf(action: AuditAction, pick: () => number): string | null {
  if (action === 'sign_in.succeeded')
    return JSON.stringify({ method: pick() < 0.8 ? 'password' : 'passkey' });
  if (action === 'sign_in.failed') return JSON.stringify({ reason: 'invalid_credentials' });
  if (action === 'admin.user_updated') return JSON.stringify({ fields: ['name', 'user_type'] });
  if (action === 'admin.access_denied')
    return JSON.stringify({ route: 'GET /auth/users', reason: 'not_admin' });
  return null;
}

/** The people events name: the admin acts as admin, the viewed person is drawn often. */
export interface AuditPeople {
  adminId: string;
  viewedId: string;
  /** Every seeded person's id. */
  all: readonly string[];
}

function eventAt(n: number, now: number, people: AuditPeople, pick: () => number) {
  const action = WHEEL[Math.floor(pick() * WHEEL.length)] ?? 'sign_in.succeeded';
  const anyone = (): string => people.all[Math.floor(pick() * people.all.length)] ?? people.viewedId;
  const admin = action.startsWith('admin.') && action !== 'admin.access_denied';
  const person = pick() < 0.01 ? people.viewedId : anyone();
  const actor = admin ? people.adminId : person;
  // Admin actions have another person as subject; a failed sign-in may name no one.
  const subject = admin ? person : action === 'sign_in.failed' && pick() < 0.3 ? null : actor;
  return {
    // Newest last: row n is n/AUDIT_ROWS of the way through the span, with a little jitter.
    occurred_at: Math.round(now - SPAN_MS + ((n + pick()) * SPAN_MS) / AUDIT_ROWS),
    action,
    outcome: outcomeOf(action),
    actor_user_id: action === 'sign_in.failed' && subject === null ? null : actor,
    subject_user_id: subject,
    ip: `10.${n % 200}.${Math.floor(pick() * 250)}.${1 + (n % 250)}`,
    user_agent: AGENTS[n % AGENTS.length] ?? null,
    details: detailsOf(action, pick),
  };
}

/**
 * Inserts {@link AUDIT_ROWS} events ending at `now`.
 */
export async function seedAuditEvents(db: BenchDb, people: AuditPeople, now: number): Promise<void> {
  const pick = seededRandom(8);
  for (let start = 0; start < AUDIT_ROWS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, AUDIT_ROWS - start) }, (_, i) =>
      eventAt(start + i, now, people, pick),
    );
    await db.insertInto('audit_events').values(rows).execute();
  }
}
