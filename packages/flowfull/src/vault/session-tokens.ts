/**
 * @module Vault session tokens: 256-bit opaque strings (`vs_` + base64url) handed to the client
 * once, stored only as SHA-256. A token is accepted while it is unexpired, not ended, and its
 * revision equals its user's current `token_revision`, read from the database on every request,
 * so a revocation takes effect on every instance at once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RevocationMessage } from '../bridge/revocation.js';
import type { VaultDatabase } from './vault-tables.js';

const TOKEN = /^vs_[A-Za-z0-9_-]{43}$/;

/** SHA-256 (hex) of a token, as stored. */
export function hashVaultToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The caller behind an accepted token. */
export interface VaultCaller {
  readonly sessionId: string;
  readonly userId: string;
  readonly subject: string;
  readonly applicationId: string;
  readonly workspaceId: string;
  readonly expiresAt: number;
}

/** The outcome of {@link authenticateVaultToken}. */
export type VaultTokenCheck =
  | { readonly ok: true; readonly caller: VaultCaller }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'expired' | 'revoked' };

/**
 * Checks a token against the database.
 *
 * @example
 * ```ts
 * const check = await authenticateVaultToken(db, token, Date.now());
 * if (!check.ok && check.reason === 'expired') return c.json(..., 410);
 * ```
 */
export async function authenticateVaultToken(
  db: Kysely<VaultDatabase>,
  token: string | null,
  now: number,
): Promise<VaultTokenCheck> {
  if (token === null || token === '') return { ok: false, reason: 'missing' };
  if (!TOKEN.test(token)) return { ok: false, reason: 'invalid' };
  const row = await db
    .selectFrom('vault_sessions as s')
    .innerJoin('vault_users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.application_id',
      's.workspace_id',
      's.revision',
      's.expires_at',
      's.ended_at',
      'u.token_revision',
      'u.subject',
    ])
    .where('s.token_hash', '=', hashVaultToken(token))
    .executeTakeFirst();
  if (row === undefined || row.ended_at !== null) return { ok: false, reason: 'invalid' };
  if (Number(row.revision) !== Number(row.token_revision)) return { ok: false, reason: 'revoked' };
  if (now >= Number(row.expires_at)) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    caller: {
      sessionId: row.id,
      userId: row.user_id,
      subject: row.subject,
      applicationId: row.application_id,
      workspaceId: row.workspace_id,
      expiresAt: Number(row.expires_at),
    },
  };
}

/** The outcome of {@link openVaultSession}. */
export type OpenSessionResult =
  | {
      readonly ok: true;
      readonly token: string;
      /** Ends this session only (the `vault_logout` cookie); stored as its SHA-256. */
      readonly logoutHandle: string;
      readonly expiresAt: number;
      readonly userId: string;
    }
  | { readonly ok: false; readonly reason: 'unknown_application' }
  | { readonly ok: false; readonly reason: 'too_many_sessions'; readonly retryAfterMs: number };

/**
 * Opens a vault session for `subject` (a Flowless user id) in one application, creating the vault
 * user on first sign-in. Refuses when the user already holds the application's limit of live sessions.
 *
 * @example
 * ```ts
 * const opened = await openVaultSession(db, { applicationId, subject: session.user_id, now: Date.now() });
 * ```
 */
export async function openVaultSession(
  db: Kysely<VaultDatabase>,
  input: {
    readonly applicationId: string;
    readonly subject: string;
    /** SHA-256 (hex) of the Flowless session signing in, so that its revocation reaches the vault. */
    readonly sourceSessionHash: string;
    readonly now: number;
  },
): Promise<OpenSessionResult> {
  const { applicationId, subject, now } = input;
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom('vault_applications')
      .select(['id', 'workspace_id', 'max_concurrent_sessions', 'session_ttl_ms'])
      .where('id', '=', applicationId)
      .executeTakeFirst();
    if (app === undefined) return { ok: false, reason: 'unknown_application' } as const;
    let user = await trx
      .selectFrom('vault_users')
      .select(['id', 'token_revision'])
      .where('application_id', '=', app.id)
      .where('subject', '=', subject)
      .executeTakeFirst();
    if (user === undefined) {
      user = { id: randomUUID(), token_revision: 0 };
      await trx
        .insertInto('vault_users')
        .values({
          id: user.id,
          workspace_id: app.workspace_id,
          application_id: app.id,
          subject,
          token_revision: 0,
          created_at: now,
        })
        .execute();
    }
    const live = await trx
      .selectFrom('vault_sessions')
      .select('expires_at')
      .where('user_id', '=', user.id)
      .where('ended_at', 'is', null)
      .where('revision', '=', user.token_revision)
      .where('expires_at', '>', now)
      .orderBy('expires_at', 'asc')
      .execute();
    if (live.length >= Number(app.max_concurrent_sessions)) {
      const first = Number(live[0]?.expires_at ?? now);
      return { ok: false, reason: 'too_many_sessions', retryAfterMs: Math.max(1000, first - now) } as const;
    }
    const token = `vs_${randomBytes(32).toString('base64url')}`;
    const logoutHandle = `vl_${randomBytes(32).toString('base64url')}`;
    const expiresAt = now + Number(app.session_ttl_ms);
    await trx
      .insertInto('vault_sessions')
      .values({
        id: randomUUID(),
        token_hash: hashVaultToken(token),
        user_id: user.id,
        application_id: app.id,
        workspace_id: app.workspace_id,
        revision: Number(user.token_revision),
        source_session_hash: input.sourceSessionHash,
        created_at: now,
        expires_at: expiresAt,
        ended_at: null,
        logout_hash: hashVaultToken(logoutHandle),
      })
      .execute();
    return { ok: true, token, logoutHandle, expiresAt, userId: user.id } as const;
  });
}

/**
 * Bumps the token revision of every vault user opened for `subject` (a Flowless user id), so every
 * token issued before refuses at once. Resolves to the number of users touched.
 *
 * @example
 * ```ts
 * await revokeSubject(db, 'usr_123');
 * ```
 */
export async function revokeSubject(db: Kysely<VaultDatabase>, subject: string): Promise<number> {
  const result = await db
    .updateTable('vault_users')
    .set((eb) => ({ token_revision: eb('token_revision', '+', 1) }))
    .where('subject', '=', subject)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Bumps one vault user's token revision. */
export async function revokeUser(db: Kysely<VaultDatabase>, userId: string): Promise<void> {
  await db
    .updateTable('vault_users')
    .set((eb) => ({ token_revision: eb('token_revision', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

/** Ends one session (logout); the user's other sessions stay. */
export async function endVaultSession(
  db: Kysely<VaultDatabase>,
  sessionId: string,
  now: number,
): Promise<void> {
  await db.updateTable('vault_sessions').set({ ended_at: now }).where('id', '=', sessionId).execute();
}

/**
 * Applies a Flowless revocation to the vault: a revoked Flowless session bumps the revision of the
 * users it signed in; every session of a user revoked bumps every vault user of that subject.
 * Resolves to the number of vault users touched.
 *
 * @example
 * ```ts
 * new BridgeValidator({ ...options, onRevocation: (m) => void applyFlowlessRevocation(db, m) });
 * ```
 */
export async function applyFlowlessRevocation(
  db: Kysely<VaultDatabase>,
  message: RevocationMessage,
): Promise<number> {
  if (message.type === 'user.sessions_revoked') return revokeSubject(db, message.user_id);
  const result = await db
    .updateTable('vault_users')
    .set((eb) => ({ token_revision: eb('token_revision', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('vault_sessions')
        .select('user_id')
        .where('source_session_hash', '=', message.session_hash),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
