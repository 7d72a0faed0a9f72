/**
 * @module Kysely table types of the Flowless database. Timestamps are epoch milliseconds (flowfull's
 * portable `timestamp` column); booleans read back as `boolean` or `0 | 1`. The
 * {@link ../db/values.ts} helpers normalise both.
 */
import type { ColumnType, Generated } from 'kysely';

/** A timestamp column: epoch ms, written as a number, read as a number (or a numeric string). */
export type Timestamp = ColumnType<number | string, number, number>;
/** A nullable timestamp column. */
export type NullableTimestamp = ColumnType<number | string | null, number | null, number | null>;
/** A boolean column: written as `true`/`false`, read as a boolean or `0 | 1` (SQLite). */
export type Bool = ColumnType<boolean | number, boolean, boolean>;

/** `users`: accounts. */
export interface UsersTable {
  id: string;
  email: string;
  username: string | null;
  password_hash: string | null;
  name: string | null;
  last_name: string | null;
  phone: string | null;
  picture: string | null;
  user_type: string;
  lang: string | null;
  metadata: string | null;
  is_verified: Bool;
  is_banned: Bool;
  two_factor: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `sessions`: one row per login; only the SHA-256 of the session id is stored. */
export interface SessionsTable {
  id: string;
  user_id: string;
  session_hash: string;
  ip_address: string | null;
  user_agent: string | null;
  device_id: string | null;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  last_used_at: Timestamp;
  created_at: Timestamp;
  two_factor_verified: Generated<number>;
  two_factor_verified_at: NullableTimestamp;
  two_factor_methods: string | null;
}

/** `social_accounts`: linked OAuth identities (used by a later social-login issue). */
export interface SocialAccountsTable {
  id: string;
  user_id: string;
  provider: string;
  provider_user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  expires_at: NullableTimestamp;
  created_at: Timestamp;
}

/** `tokens`: API tokens, stored hashed. */
export interface TokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  name: string | null;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  created_at: Timestamp;
}

/** What a one-time token is for; a token never works for another purpose. */
export type OneTimeTokenPurpose = 'password_reset' | 'email_verification' | 'email_change';

/** `one_time_tokens`: reset, verification and email-change secrets, stored hashed, single use. */
export interface OneTimeTokensTable {
  id: string;
  user_id: string;
  purpose: OneTimeTokenPurpose;
  token_hash: string;
  /** The address the token was mailed to (the new address, for an email change); null before 0003. */
  sent_to: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
}

/** `two_factor`: second factors per user (the 2FA module, ready for a later issue). */
export interface TwoFactorTable {
  id: string;
  user_id: string;
  method: string;
  code: string | null;
  status: string;
  metadata: string | null;
  token_prefix: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_used_at: NullableTimestamp;
}

/** Every table of the Flowless database. */
export interface FlowlessDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  social_accounts: SocialAccountsTable;
  tokens: TokensTable;
  one_time_tokens: OneTimeTokensTable;
  two_factor: TwoFactorTable;
}
