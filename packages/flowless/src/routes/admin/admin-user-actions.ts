/**
 * @module What an admin does to a user, shared by the JSON admin routes and the admin pages: find
 * the user an admin may touch (only a superadmin touches a superadmin), change it (only a
 * superadmin grants or removes the superadmin type; a ban ends every session, a new email voids
 * the outstanding one-time tokens) and end its sessions (every ending reaches every Flowfull
 * instance through the revocation outbox and channel).
 */
import { isUniqueViolation } from 'flowfull/db';
import { SUPERADMIN_USER_TYPE } from 'flowfull/middleware';
import type { z } from 'zod';
import { FlowlessError } from '../../errors.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import { sessionHashOf } from '../../sessions/session-directory.js';
import type { SessionRecord } from '../../sessions/session-record.js';
import type { UserRecord } from '../../users/user-record.js';
import type { UserChanges } from '../../users/user-repository.js';
import { sessionNotFound } from '../sessions/session-management-routes.js';
import type { updateBody } from './admin-schemas.js';

/** A validated admin update: the fields to change. */
export type AdminUserUpdate = z.output<typeof updateBody>;

const forbidden = (message: string): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_FORBIDDEN', message, { status: 403 });

/** 404 `ERR_FLOWLESS_NOT_FOUND` "User not found". */
export const userNotFound = (): FlowlessError =>
  new FlowlessError('ERR_FLOWLESS_NOT_FOUND', 'User not found', { status: 404 });

/**
 * The user `id` as the admin `actor` may change it.
 *
 * @throws FlowlessError 404 when there is no such user; 403 when it is a superadmin and the actor is not.
 */
export async function findAdminTarget(
  services: FlowlessServices,
  actor: SessionRecord,
  id: string,
): Promise<UserRecord> {
  const found = await services.users.findById(id);
  if (!found) throw userNotFound();
  if (found.userType === SUPERADMIN_USER_TYPE && actor.user.userType !== SUPERADMIN_USER_TYPE) {
    throw forbidden('Only a superadmin can modify a superadmin');
  }
  return found;
}

/** The repository's changes for a validated update body: only the fields it sends. */
function changesFrom(body: AdminUserUpdate): UserChanges {
  return {
    ...(body.email !== undefined && { email: body.email }),
    ...(body.name !== undefined && { name: body.name }),
    ...(body.last_name !== undefined && { lastName: body.last_name }),
    ...(body.user_name !== undefined && { username: body.user_name }),
    ...(body.phone !== undefined && { phone: body.phone }),
    ...(body.picture !== undefined && { picture: body.picture }),
    ...(body.lang !== undefined && { lang: body.lang }),
    ...(body.metadata !== undefined && { metadata: body.metadata }),
    ...(body.user_type !== undefined && { userType: body.user_type }),
    ...(body.is_verified !== undefined && { isVerified: body.is_verified }),
    ...(body.is_banned !== undefined && { isBanned: body.is_banned }),
    ...(body.two_factor !== undefined && { twoFactor: body.two_factor }),
  };
}

/**
 * Applies an admin's update to `existing` (found by {@link findAdminTarget}).
 *
 * @throws FlowlessError 403 when a plain admin grants or removes the superadmin type; 409 when the
 * email or username is taken; 404 when the user vanished meanwhile.
 */
export async function updateUserAsAdmin(
  services: FlowlessServices,
  actor: SessionRecord,
  existing: UserRecord,
  body: AdminUserUpdate,
): Promise<UserRecord> {
  const { users, sessions, tokens } = services;
  if (
    body.user_type !== undefined &&
    (body.user_type === SUPERADMIN_USER_TYPE) !== (existing.userType === SUPERADMIN_USER_TYPE) &&
    actor.user.userType !== SUPERADMIN_USER_TYPE
  ) {
    throw forbidden('Only a superadmin can grant or remove the superadmin type');
  }
  let updated: UserRecord | null;
  try {
    updated = await users.update(existing.id, changesFrom(body));
  } catch (error) {
    if (isUniqueViolation(error))
      throw new FlowlessError('ERR_FLOWLESS_CONFLICT', 'Email or username already in use', { status: 409 });
    throw error;
  }
  if (!updated) throw userNotFound();
  if (updated.email !== existing.email) await tokens.voidAll(updated.id);
  if (body.is_banned === true) await sessions.revokeUser(updated.id);
  else await sessions.forgetUser(updated.id);
  return updated;
}

/**
 * Ends one session of `user` (by its row id) or, without `sessionId`, every session of it.
 *
 * @throws FlowlessError 404 `SESSION_NOT_FOUND` when the user has no such session.
 */
export async function endUserSessionsAsAdmin(
  services: FlowlessServices,
  actor: SessionRecord,
  user: UserRecord,
  sessionId?: string,
): Promise<void> {
  const { sessions, db, logger } = services;
  if (sessionId === undefined) {
    await sessions.revokeUser(user.id);
  } else {
    const hash = await sessionHashOf(db, user.id, sessionId);
    if (hash === null) throw sessionNotFound();
    await sessions.revokeHash(hash);
  }
  logger.info(
    {
      event: 'admin.sessions_ended',
      admin_id: actor.userId,
      user_id: user.id,
      scope: sessionId === undefined ? 'all' : 'one',
    },
    'admin ended sessions',
  );
}
