/**
 * @module Reads every variant of the Flowless bridge-validate response (docs/flowless-contract.md,
 * Bridge):
 * top-level `user` + `session` in either casing, the `session`-only shape, and the older
 * `data: { valid, user, session }` envelope, and normalises them to a {@link BridgeSession}.
 */
import { z } from 'zod';
import type { BridgeSession } from './types.js';

const id = z.union([z.string(), z.number()]).transform(String);
const text = z.string().nullish();
const time = z.union([z.string(), z.number()]).nullish();
const authType = z.enum(['session', 'api_token']).nullish().catch(null);

const userSchema = z.looseObject({
  id: id.nullish(),
  user_id: id.nullish(),
  email: text,
  name: text,
  firstName: text,
  display_name: text,
  user_type: text,
  userType: text,
});

const sessionSchema = z.looseObject({
  user_id: id.nullish(),
  userId: id.nullish(),
  email: text,
  name: text,
  user_type: text,
  userType: text,
  ip_address: text,
  ipAddress: text,
  user_agent: text,
  userAgent: text,
  device_id: text,
  deviceId: text,
  device_fingerprint: text,
  expires_at: time,
  expiresAt: time,
  two_factor_verified: z.union([z.boolean(), z.number(), z.string()]).nullish(),
  twoFactorVerified: z.union([z.boolean(), z.number(), z.string()]).nullish(),
  two_factor_verified_at: time,
  twoFactorVerifiedAt: time,
  two_factor_methods: z.unknown().optional(),
  twoFactorMethods: z.unknown().optional(),
  auth_type: authType,
  token_id: text,
});

const payloadSchema = z.looseObject({
  auth_type: authType,
  authType,
  token_id: text,
  tokenId: text,
  success: z.boolean().nullish(),
  valid: z.boolean().nullish(),
  user: userSchema.nullish(),
  session: sessionSchema.nullish(),
  expires_at: time,
  expiresAt: time,
  error: text,
  message: text,
});

const bodySchema = payloadSchema.extend({ data: payloadSchema.nullish() });

/** What a Flowless answer means. */
export type FlowlessVerdict =
  | { readonly kind: 'valid'; readonly session: BridgeSession }
  | { readonly kind: 'invalid'; readonly expired: boolean; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Interprets a 2xx bridge-validate body. `success: false` or `valid: false` (even on 200) means
 * the session is not valid; a body without a user id is unreadable.
 *
 * @example
 * ```ts
 * readValidateResponse({ success: true, session: { user_id: 'u1' } }); // { kind: 'valid', ... }
 * ```
 */
export function readValidateResponse(body: unknown): FlowlessVerdict {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { kind: 'unreadable', reason: 'body does not match the bridge contract' };
  const outer = parsed.data;
  const inner = outer.data ?? null;
  const payload = inner !== null && (inner.user || inner.session) ? inner : outer;
  const refused = [outer, inner].some(
    (part) => part !== null && (part.success === false || part.valid === false),
  );
  if (refused) {
    const reason = outer.error ?? outer.message ?? 'Invalid session';
    return { kind: 'invalid', expired: isExpiredMessage(reason), reason };
  }
  const user = payload.user ?? null;
  const session = payload.session ?? null;
  const userId = session?.user_id ?? session?.userId ?? user?.id ?? user?.user_id ?? null;
  if (userId === null || userId === '') return { kind: 'unreadable', reason: 'response has no user id' };
  const auth = payload.auth_type ?? payload.authType ?? session?.auth_type ?? 'session';
  const tokenId = payload.token_id ?? payload.tokenId ?? session?.token_id ?? null;
  return {
    kind: 'valid',
    session: {
      auth_type: auth,
      token_id: auth === 'api_token' ? tokenId : null,
      user_id: userId,
      email: user?.email ?? session?.email ?? null,
      name: user?.name ?? user?.firstName ?? user?.display_name ?? session?.name ?? null,
      user_type: user?.user_type ?? user?.userType ?? session?.user_type ?? session?.userType ?? 'customer',
      ip_address: session?.ip_address ?? session?.ipAddress ?? null,
      user_agent: session?.user_agent ?? session?.userAgent ?? null,
      device_id: session?.device_id ?? session?.deviceId ?? session?.device_fingerprint ?? null,
      expires_at: toIso(
        payload.expires_at ??
          payload.expiresAt ??
          session?.expires_at ??
          session?.expiresAt ??
          outer.expires_at,
      ),
      two_factor_verified: isTrue(session?.two_factor_verified ?? session?.twoFactorVerified),
      two_factor_verified_at: toIso(session?.two_factor_verified_at ?? session?.twoFactorVerifiedAt),
      two_factor_methods: methodList(session?.two_factor_methods ?? session?.twoFactorMethods),
    },
  };
}

/** `1`, `true`, `'1'` or `'true'` (Flowless sends 0/1). */
function isTrue(value: boolean | number | string | null | undefined): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** A list of method names: an array of strings, or a JSON/comma-separated string. */
function methodList(value: unknown): string[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = value.split(',');
    }
  }
  return Array.isArray(list)
    ? list.filter((m): m is string => typeof m === 'string' && m.trim() !== '').map((m) => m.trim())
    : [];
}

/**
 * Interprets a 401/403 body: expired when Flowless says so, a rejected bridge secret when the
 * message names it, otherwise an invalid session.
 */
export function readRejection(body: unknown): { expired: boolean; secretRejected: boolean; reason: string } {
  const parsed = payloadSchema.safeParse(body);
  const reason = (parsed.success ? (parsed.data.error ?? parsed.data.message) : null) ?? 'Invalid session';
  return { expired: isExpiredMessage(reason), secretRejected: /bridge secret/i.test(reason), reason };
}

function isExpiredMessage(reason: string): boolean {
  return /expired/i.test(reason);
}

function toIso(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = new Date(typeof value === 'number' && value < 1e12 ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
