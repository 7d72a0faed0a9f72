/**
 * @module What `npm run bench:pages` loads, found at run time: every GET page route the app
 * registered (path parameters filled with seeded ids; a route with a parameter the bench cannot
 * fill is skipped and reported), a few query variants of the admin lists when their page exists
 * (people search, audit log by action, by person, its older page), the floor (`/health`, a hashed
 * asset) and the JSON admin routes that read the same data (the peers).
 */

/** Who a request is sent as. */
export type Viewer = 'admin' | 'user' | 'none';

/** One row of the bench. */
export interface PageTarget {
  name: string;
  kind: 'page' | 'floor' | 'peer';
  path: string;
  as: Viewer;
}

/** A route or variant left out, and why. */
export interface SkippedTarget {
  name: string;
  reason: string;
}

/** The seeded ids path parameters are filled with. */
export interface TargetIds {
  /** The viewed person. */
  userId: string;
  /** A person few audit events name. */
  rareId: string;
  /** One of the viewed person's other sessions. */
  sessionId: string;
}

const PARAM = /:([A-Za-z_]\w*)/g;

/** Who looks at `path`: the admin under `/admin`, the person under `/account`, no one elsewhere. */
export function viewerOf(path: string): Viewer {
  if (path === '/admin' || path.startsWith('/admin/')) return 'admin';
  if (path === '/account' || path.startsWith('/account/')) return 'user';
  return 'none';
}

function fillParams(path: string, ids: TargetIds): { path: string } | { missing: string[] } {
  const values: Readonly<Record<string, string>> = {
    id: ids.userId,
    userId: ids.userId,
    user_id: ids.userId,
  };
  const missing = [...path.matchAll(PARAM)].map((m) => m[1] ?? '').filter((name) => !(name in values));
  if (missing.length > 0) return { missing };
  return { path: path.replace(PARAM, (_, name: string) => encodeURIComponent(values[name] ?? '')) };
}

/** The query variants of a list page, each needing the page at `base`. */
function variantsOf(ids: TargetIds): readonly (readonly [base: string, name: string, path: string])[] {
  const user = encodeURIComponent(ids.userId);
  return [
    ['/admin/users', 'people search ?q=', '/admin/users?q=grace'],
    ['/admin/audit', 'audit by action', '/admin/audit?action=sign_in.failed'],
    ['/admin/audit', 'audit by person', `/admin/audit?user=${user}`],
    ['/admin/audit', 'audit by rare person', `/admin/audit?user=${encodeURIComponent(ids.rareId)}`],
    ['/account/sessions/end', 'end a session (confirm)', `/account/sessions/end?session=${ids.sessionId}`],
  ];
}

/**
 * The page rows for `routes` (as `pageRoutesOf` lists them), and what was skipped.
 */
export function pageTargets(
  routes: readonly string[],
  ids: TargetIds,
): { targets: PageTarget[]; skipped: SkippedTarget[]; assetPath: string | null } {
  const targets: PageTarget[] = [];
  const skipped: SkippedTarget[] = [];
  let assetPath: string | null = null;
  const gets = routes.filter((route) => route.startsWith('get ')).map((route) => route.slice(4));
  for (const route of gets) {
    if (route.startsWith('/assets/')) {
      if (route.endsWith('.css')) assetPath = route;
      continue;
    }
    const filled = fillParams(route, ids);
    if ('missing' in filled) {
      skipped.push({ name: route, reason: `no seeded value for :${filled.missing.join(', :')}` });
      continue;
    }
    targets.push({ name: route, kind: 'page', path: filled.path, as: viewerOf(route) });
  }
  for (const [base, name, path] of variantsOf(ids)) {
    if (gets.includes(base)) targets.push({ name, kind: 'page', path, as: viewerOf(base) });
    else skipped.push({ name, reason: `no page route ${base}` });
  }
  // The older page is found from the newest one's link, when there is a newest page to ask.
  if (!gets.includes('/admin/audit')) {
    skipped.push({ name: 'audit older page (cursor)', reason: 'no page route /admin/audit' });
  }
  return { targets, skipped, assetPath };
}

/** The floor and the JSON admin routes reading the same data. */
export function referenceTargets(assetPath: string | null, ids: TargetIds): PageTarget[] {
  const user = encodeURIComponent(ids.userId);
  return [
    { name: '/health (floor)', kind: 'floor', path: '/health', as: 'none' },
    ...(assetPath
      ? [{ name: 'hashed asset (floor)', kind: 'floor' as const, path: assetPath, as: 'none' as const }]
      : []),
    { name: 'JSON GET /auth/users', kind: 'peer', path: '/auth/users?limit=25', as: 'admin' },
    { name: 'JSON GET /auth/users?q=', kind: 'peer', path: '/auth/users?limit=25&q=grace', as: 'admin' },
    { name: 'JSON GET /auth/users/:id', kind: 'peer', path: `/auth/users/${user}`, as: 'admin' },
    { name: 'JSON GET /auth/admin/audit', kind: 'peer', path: '/auth/admin/audit?limit=50', as: 'admin' },
    {
      name: 'JSON audit by action',
      kind: 'peer',
      path: '/auth/admin/audit?limit=50&action=sign_in.failed',
      as: 'admin',
    },
    {
      name: 'JSON audit by person',
      kind: 'peer',
      path: `/auth/admin/audit?limit=50&user_id=${user}`,
      as: 'admin',
    },
  ];
}

/**
 * The audit page's "older events" link in `html` (the keyset page after the newest), or null.
 */
export function olderAuditLink(html: string): string | null {
  const match = /href="(\/admin\/audit\?[^"]*cursor=[^"]*)"/.exec(html);
  return match?.[1] ? match[1].replaceAll('&amp;', '&') : null;
}
