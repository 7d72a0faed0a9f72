/**
 * @module The user as the server works with it: normalised types, no dialect quirks.
 */
import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.js';
import { fromDbBool, fromDbTime } from '../db/values.js';

/** A user row with normalised booleans and times (ms). Holds the password hash: never emit it. */
export interface UserRecord {
  id: string;
  email: string;
  username: string | null;
  passwordHash: string | null;
  name: string | null;
  lastName: string | null;
  phone: string | null;
  picture: string | null;
  userType: string;
  lang: string | null;
  metadata: Record<string, unknown>;
  isVerified: boolean;
  isBanned: boolean;
  twoFactor: boolean;
  createdAt: number;
  updatedAt: number;
}

function parseMetadata(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * Converts a `users` row into a {@link UserRecord}.
 */
export function toUserRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    passwordHash: row.password_hash,
    name: row.name,
    lastName: row.last_name,
    phone: row.phone,
    picture: row.picture,
    userType: row.user_type,
    lang: row.lang,
    metadata: parseMetadata(row.metadata),
    isVerified: fromDbBool(row.is_verified),
    isBanned: fromDbBool(row.is_banned),
    twoFactor: fromDbBool(row.two_factor),
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
  };
}
