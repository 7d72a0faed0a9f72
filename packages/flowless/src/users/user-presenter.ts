/**
 * @module The user object Flowless emits: snake_case fields with camelCase mirrors where clients
 * read them, real booleans and ISO 8601 dates. Never the password hash or the ban flag.
 */
import { iso } from '../db/values.js';
import type { UserRecord } from './user-record.js';

/** The JSON shape of a user in every response. */
export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  firstName: string | null;
  last_name: string | null;
  lastName: string | null;
  user_name: string | null;
  userName: string | null;
  username: string | null;
  user_type: string;
  userType: string;
  picture: string | null;
  phone: string | null;
  lang: string | null;
  metadata: Record<string, unknown>;
  is_verified: boolean;
  isVerified: boolean;
  two_factor: boolean;
  twoFactor: boolean;
  created_at: string;
  createdAt: string;
  updated_at: string;
  updatedAt: string;
}

/**
 * Renders a user for a response.
 */
export function presentUser(user: UserRecord): PublicUser {
  // Each date is formatted once for both casings: this runs on every bridge validation.
  const createdAt = iso(user.createdAt);
  const updatedAt = iso(user.updatedAt);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    firstName: user.name,
    last_name: user.lastName,
    lastName: user.lastName,
    user_name: user.username,
    userName: user.username,
    username: user.username,
    user_type: user.userType,
    userType: user.userType,
    picture: user.picture,
    phone: user.phone,
    lang: user.lang,
    metadata: user.metadata,
    is_verified: user.isVerified,
    isVerified: user.isVerified,
    two_factor: user.twoFactor,
    twoFactor: user.twoFactor,
    created_at: createdAt,
    createdAt,
    updated_at: updatedAt,
    updatedAt,
  };
}
