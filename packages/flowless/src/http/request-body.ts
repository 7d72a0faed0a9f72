/**
 * @module Request bodies arrive in both casings (`userName`/`user_name`, `resetUrl`/`reset_url`…).
 * They are read once, as `unknown`, and normalised to snake_case before Zod validation.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from '../errors.js';

/** camelCase (and other) aliases accepted for snake_case body keys. */
export const KEY_ALIASES: Readonly<Record<string, string>> = {
  userName: 'user_name',
  username: 'user_name',
  lastName: 'last_name',
  userType: 'user_type',
  resetUrl: 'reset_url',
  verifyUrl: 'verify_url',
  redirectUrl: 'redirect_url',
  sessionId: 'session_id',
  referenceId: 'reference_id',
  recoveryEmail: 'recovery_email',
  currentPassword: 'current_password',
  newPassword: 'new_password',
  userId: 'user_id',
  isVerified: 'is_verified',
  isBanned: 'is_banned',
  twoFactor: 'two_factor',
  bridgeSecret: 'bridge_secret',
  userAgent: 'user_agent',
  ipAddress: 'ip_address',
  ip: 'ip_address',
  deviceId: 'device_id',
  methodId: 'method_id',
  twoFactorEnabled: 'two_factor_enabled',
  verificationCode: 'verification_code',
  verificationMethodId: 'verification_method_id',
  verificationMethod: 'verification_method',
};

/**
 * Maps camelCase aliases to their snake_case names; a snake key present in the body wins; `null`
 * values are dropped (the Rust client sends explicit nulls).
 *
 * @example
 * ```ts
 * normaliseKeys({ userName: 'ada', last_name: 'L' }); // { user_name: 'ada', last_name: 'L' }
 * ```
 */
export function normaliseKeys(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    const canonical = KEY_ALIASES[key] ?? key;
    if (canonical !== key && key in KEY_ALIASES && canonical in body && body[canonical] !== null) continue;
    out[canonical] = value;
  }
  return out;
}

/**
 * Reads a JSON body (any method, DELETE included) as a normalised object; no body is `{}`.
 *
 * @throws FlowlessError `ERR_FLOWLESS_BAD_REQUEST` for malformed JSON or a non-object body.
 * @example
 * ```ts
 * const body = await readBody(c);
 * ```
 */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('Request body must be a JSON object');
  }
  return normaliseKeys(value as Record<string, unknown>);
}

/**
 * Reads and validates a body with a Zod schema (after key normalisation).
 *
 * @throws FlowlessError `ERR_FLOWLESS_BAD_REQUEST` listing the invalid fields.
 * @example
 * ```ts
 * const { email } = await parseBody(c, z.object({ email: z.email() }));
 * ```
 */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readBody(c));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      message: issue.message,
    }));
    const first = fields[0];
    throw badRequest(
      first ? `Invalid ${first.field || 'body'}: ${first.message}` : 'Invalid request body',
      fields,
    );
  }
  return parsed.data;
}
