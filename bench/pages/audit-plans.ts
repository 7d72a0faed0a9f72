/**
 * @module The query plans of the audit page's queries on the seeded PostgreSQL database: the
 * audit service's own query builder (`auditListQuery`, what `AuditStore.list` runs) for the
 * newest page, a page filtered by action, by person, and the keyset page after the newest, run
 * under `EXPLAIN (ANALYZE, FORMAT JSON)`. A plan uses an index when it reads `audit_events`
 * through an Index Scan, Index Only Scan or Bitmap Index Scan and never through a Seq Scan.
 */
import { auditCursorOf, parseAuditCursor } from '../../packages/flowless/src/audit/audit-log.js';
import { type AuditFilter, auditListQuery } from '../../packages/flowless/src/audit/audit-store.js';
import { type BenchDb, rawQuery } from './bench-db.js';

/** The plan of one query. */
export interface AuditPlan {
  name: string;
  /** The plan's scan nodes, as `Index Scan Backward audit_events_action_idx`. */
  scans: string[];
  indexUsed: boolean;
  seqScan: boolean;
  /** PostgreSQL's execution time of the query, ms. */
  executionMs: number;
}

interface PlanNode {
  'Node Type': string;
  'Scan Direction'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const INDEX_NODES = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

function scansOf(node: PlanNode): PlanNode[] {
  const own = node['Node Type'].includes('Scan') ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

const describe = (node: PlanNode): string =>
  [
    node['Node Type'],
    node['Scan Direction'] === 'Backward' ? 'Backward' : '',
    node['Index Name'] ?? node['Relation Name'] ?? '',
  ]
    .filter(Boolean)
    .join(' ');

async function planOf(
  db: BenchDb,
  url: string,
  name: string,
  filter: AuditFilter,
  cursor: string | null,
): Promise<AuditPlan> {
  // The service asks for one row more than the page, to know whether an older page exists.
  const compiled = auditListQuery(db, filter, 51, cursor ? parseAuditCursor(cursor) : null).compile();
  const rows = await rawQuery<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
    url,
    `EXPLAIN (ANALYZE, FORMAT JSON) ${compiled.sql}`,
    compiled.parameters,
  );
  const plan = rows[0]?.['QUERY PLAN'][0];
  if (!plan) throw new Error(`no plan for ${name}`);
  const scans = scansOf(plan.Plan);
  return {
    name,
    scans: scans.map(describe),
    indexUsed: scans.some((node) => INDEX_NODES.has(node['Node Type'])),
    seqScan: scans.some((node) => node['Node Type'] === 'Seq Scan'),
    executionMs: Math.round(plan['Execution Time'] * 100) / 100,
  };
}

/**
 * The plans of the audit page's queries on `url` (built with `db`); `people` are the persons filtered by.
 */
export async function auditPlans(
  db: BenchDb,
  url: string,
  people: { userId: string; rareId: string },
): Promise<AuditPlan[]> {
  const newest = await auditListQuery(db, {}, 50, null).execute();
  const last = newest.at(-1);
  const cursor = last ? auditCursorOf({ occurredAt: Number(last.occurred_at), id: Number(last.id) }) : null;
  return [
    await planOf(db, url, 'newest first', {}, null),
    await planOf(db, url, 'by action (sign_in.failed)', { action: 'sign_in.failed' }, null),
    await planOf(db, url, 'by person (actor or subject)', { userId: people.userId }, null),
    await planOf(db, url, 'by a person few events name', { userId: people.rareId }, null),
    await planOf(db, url, 'older page (keyset cursor)', {}, cursor),
  ];
}
