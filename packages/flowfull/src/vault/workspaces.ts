/**
 * @module Workspaces and applications: a workspace is created with its data key (wrapped) and its
 * creator as OWNER; an application carries the limits the Session API enforces.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAudit } from './audit.js';
import type { DataKeys } from './data-keys.js';
import type { VaultApplicationsTable, VaultDatabase } from './vault-tables.js';

/** The limits of an application, with their defaults. */
export interface ApplicationLimits {
  /** Largest value in bytes (413 above). @default 65536 */
  readonly maxValueBytes: number;
  /** Largest total of a user's values in bytes (413 above). @default 1048576 */
  readonly maxSessionBytes: number;
  /** Live vault sessions one user may hold (429 above). @default 5 */
  readonly maxConcurrentSessions: number;
  /** Lifetime of a vault session token in ms. @default 900000 (15 minutes) */
  readonly sessionTtlMs: number;
}

/** Defaults of {@link ApplicationLimits}. */
export const DEFAULT_APPLICATION_LIMITS: ApplicationLimits = Object.freeze({
  maxValueBytes: 65_536,
  maxSessionBytes: 1_048_576,
  maxConcurrentSessions: 5,
  sessionTtlMs: 900_000,
});

/** An application as the API shows it. */
export interface VaultApplication extends ApplicationLimits {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly allowedOrigins: readonly string[];
  readonly createdAt: number;
}

/**
 * Creates a workspace with a fresh data key and `owner` (a Flowless user id) as its OWNER.
 *
 * @example
 * ```ts
 * const id = await createWorkspace(db, keys, { name: 'Acme', owner: 'usr_1', now: Date.now() });
 * ```
 */
export async function createWorkspace(
  db: Kysely<VaultDatabase>,
  keys: DataKeys,
  input: { readonly name: string; readonly owner: string; readonly now: number },
): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('vault_workspaces')
      .values({
        id,
        name: input.name,
        wrapped_data_key: keys.wrapNew(id),
        created_at: input.now,
        updated_at: input.now,
      })
      .execute();
    await trx
      .insertInto('vault_members')
      .values({ workspace_id: id, user_id: input.owner, role: 'OWNER', created_at: input.now })
      .execute();
  });
  return id;
}

/**
 * Creates an application in a workspace.
 *
 * @example
 * ```ts
 * const app = await createApplication(db, { workspaceId, name: 'web', allowedOrigins: ['https://app.example.com'], now });
 * ```
 */
export async function createApplication(
  db: Kysely<VaultDatabase>,
  input: {
    readonly workspaceId: string;
    readonly name: string;
    readonly allowedOrigins: readonly string[];
    readonly limits?: Partial<ApplicationLimits>;
    readonly now: number;
  },
): Promise<VaultApplication> {
  const limits = { ...DEFAULT_APPLICATION_LIMITS, ...input.limits };
  const row: VaultApplicationsTable = {
    id: randomUUID(),
    workspace_id: input.workspaceId,
    name: input.name,
    allowed_origins: JSON.stringify(input.allowedOrigins),
    max_value_bytes: limits.maxValueBytes,
    max_session_bytes: limits.maxSessionBytes,
    max_concurrent_sessions: limits.maxConcurrentSessions,
    session_ttl_ms: limits.sessionTtlMs,
    created_at: input.now,
  };
  await db.insertInto('vault_applications').values(row).execute();
  return presentApplication(row);
}

/** An application row as the API shows it. */
export function presentApplication(row: VaultApplicationsTable): VaultApplication {
  const origins: unknown = JSON.parse(row.allowed_origins);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    allowedOrigins: Array.isArray(origins) ? origins.filter((o): o is string => typeof o === 'string') : [],
    maxValueBytes: Number(row.max_value_bytes),
    maxSessionBytes: Number(row.max_session_bytes),
    maxConcurrentSessions: Number(row.max_concurrent_sessions),
    sessionTtlMs: Number(row.session_ttl_ms),
    createdAt: Number(row.created_at),
  };
}

/**
 * Makes `userId` (a Flowless user id) a SUPPORT member of a workspace, replacing any other role,
 * with an audit event by `actor`. Only the command line calls it: no route grants SUPPORT.
 * Resolves false when the workspace does not exist.
 *
 * @example
 * ```ts
 * await grantSupport(db, { workspaceId, userId: 'usr_9', actor: 'cli', now: Date.now() });
 * ```
 */
export async function grantSupport(
  db: Kysely<VaultDatabase>,
  input: {
    readonly workspaceId: string;
    readonly userId: string;
    readonly actor: string;
    readonly now: number;
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const workspace = await trx
      .selectFrom('vault_workspaces')
      .select('id')
      .where('id', '=', input.workspaceId)
      .executeTakeFirst();
    if (workspace === undefined) return false;
    await trx
      .deleteFrom('vault_members')
      .where('workspace_id', '=', input.workspaceId)
      .where('user_id', '=', input.userId)
      .execute();
    await trx
      .insertInto('vault_members')
      .values({
        workspace_id: input.workspaceId,
        user_id: input.userId,
        role: 'SUPPORT',
        created_at: input.now,
      })
      .execute();
    await writeAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'member.support_granted',
      target: input.userId,
      now: input.now,
    });
    return true;
  });
}
