/**
 * @module Before `npm run bench:pages` loads anything: the admin and the ordinary person sign in
 * through the real login route (`POST /auth/login`), and each row is asked for once, signed in as
 * its viewer, to learn its status and size (later answers of another status count as errors) and,
 * from the newest audit page (HTML and JSON), the link to the older page, which becomes a row of
 * its own. Session ids stay in request headers; nothing here prints them.
 */
import { olderAuditLink, type PageTarget, type SkippedTarget, type Viewer } from './page-targets.js';
import { BENCH_ACCOUNTS } from './pages-seed.js';

/** A row ready to load: its status and size as first answered, and the headers to send. */
export interface ProbedTarget extends PageTarget {
  status: number;
  bytes: number;
  headers: Record<string, string>;
}

/** The `Cookie` header of each viewer (none for the signed-out one). */
export type ViewerCookies = Readonly<Record<Viewer, string | null>>;

/**
 * Signs `who` in through `POST /auth/login` and returns the `Cookie` header of the new session.
 *
 * @throws When the login does not answer 200 with a session cookie.
 */
export async function signIn(base: string, who: 'admin' | 'user'): Promise<string> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_ACCOUNTS[who], password: BENCH_ACCOUNTS.password }),
  });
  await response.body?.cancel();
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('session_id='));
  if (response.status !== 200 || !cookie)
    throw new Error(`sign-in of the ${who} answered ${response.status}`);
  return cookie.split(';')[0] ?? '';
}

async function probe(base: string, target: PageTarget, cookies: ViewerCookies) {
  const cookie = cookies[target.as];
  const headers: Record<string, string> = { 'user-agent': 'bench-pages', ...(cookie ? { cookie } : {}) };
  const response = await fetch(`${base}${target.path}`, { headers, redirect: 'manual' });
  const body = await response.text();
  return { probed: { ...target, status: response.status, bytes: Buffer.byteLength(body), headers }, body };
}

/** The JSON audit route's next page, from its answer. */
function olderJsonPath(body: string): string | null {
  try {
    const cursor = (JSON.parse(body) as { next_cursor?: unknown }).next_cursor;
    return typeof cursor === 'string'
      ? `/auth/admin/audit?limit=50&cursor=${encodeURIComponent(cursor)}`
      : null;
  } catch {
    return null;
  }
}

/**
 * Probes every target, adding the older audit pages after the newest ones.
 */
export async function probeTargets(
  base: string,
  targets: readonly PageTarget[],
  cookies: ViewerCookies,
): Promise<{ targets: ProbedTarget[]; skipped: SkippedTarget[] }> {
  const probed: ProbedTarget[] = [];
  const skipped: SkippedTarget[] = [];
  const olderOf = (name: string, path: string | null, kind: PageTarget['kind']) => {
    if (path === null) skipped.push({ name, reason: 'the newest page links no older page' });
    else queue.push({ name, kind, path, as: 'admin' });
  };
  const queue = [...targets];
  for (let i = 0; i < queue.length; i++) {
    const target = queue[i] as PageTarget;
    const { probed: row, body } = await probe(base, target, cookies);
    probed.push(row);
    if (target.path === '/admin/audit') olderOf('audit older page (cursor)', olderAuditLink(body), 'page');
    if (target.path === '/auth/admin/audit?limit=50')
      olderOf('JSON audit older page', olderJsonPath(body), 'peer');
  }
  return { targets: probed, skipped };
}
