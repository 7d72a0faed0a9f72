/**
 * @module Request bodies arrive in both casings (`userName`/`user_name`, `resetUrl`/`reset_url`…).
 * They are read once, as `unknown`, and normalised to snake_case before Zod validation. A body
 * must be sent as JSON (`application/json` or `application/*+json`); no body reads as `{}`.
 */
import { isJsonMediaType } from 'flowfull/server';
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest, FlowlessError, type FlowlessErrorCode } from '../errors.js';

/** camelCase (and other) aliases accepted for snake_case body keys. */
export const KEY_ALIASES: Readonly<Record<string, string>> = {
  userName: 'user_name',
  username: 'user_name',
  lastName: 'last_name',
  userType: 'user_type',
  resetUrl: 'reset_url',
  verifyUrl: 'verify_url',
  redirectUrl: 'redirect_url',
  loginUrl: 'login_url',
  accessToken: 'access_token',
  idToken: 'id_token',
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
  expiresAt: 'expires_at',
};

/**
 * Maps camelCase aliases to their snake_case names; a snake key present in the body wins; `null`
 * values are dropped (the Rust client sends explicit nulls).
 */
export function normaliseKeys(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    // An own "__proto__" key (JSON.parse makes one) assigned below would set the prototype of
    // `out`, and its fields would then read as body fields.
    if (value === null || value === undefined || key === '__proto__') continue;
    // Own keys only: `constructor` or `toString` must not find Object.prototype's members.
    const canonical = (Object.hasOwn(KEY_ALIASES, key) ? KEY_ALIASES[key] : undefined) ?? key;
    if (canonical !== key && Object.hasOwn(body, canonical) && body[canonical] !== null) continue;
    out[canonical] = value;
  }
  return out;
}

/**
 * Reads a JSON body (any method, DELETE included) as a normalised object; no body (or only
 * whitespace) is `{}`, whatever the `Content-Type`.
 *
 * @throws FlowlessError 415 `ERR_FLOWLESS_UNSUPPORTED_MEDIA_TYPE` for a body not sent as JSON;
 *   400 `ERR_FLOWLESS_BAD_REQUEST` for malformed JSON or a non-object body.
 */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  // A page on another site can post text/plain, form or multipart bodies with the user's
  // cookies and no CORS preflight; only a JSON type proves the request passed CORS.
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new FlowlessError('ERR_FLOWLESS_UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', {
      status: 415,
    });
  }
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
 * The 400 for a body that failed its schema: `Invalid <field>: <message>` for the first issue,
 * every issue in `details`. The code is `ERR_FLOWLESS_BAD_REQUEST`, or the stable code a field
 * rule put in its issue's `params.code` (`ERR_FLOWLESS_METADATA_TOO_DEEP`…), the first such wins.
 */
export function invalidBody(error: z.ZodError): FlowlessError {
  const fields = error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  let first = error.issues[0];
  let code: FlowlessErrorCode = 'ERR_FLOWLESS_BAD_REQUEST';
  for (const issue of error.issues) {
    const ruled = issue.code === 'custom' ? issue.params?.code : undefined;
    if (isRuleCode(ruled)) {
      [first, code] = [issue, ruled];
      break;
    }
  }
  const message = first
    ? `Invalid ${first.path.join('.') || 'body'}: ${first.message}`
    : 'Invalid request body';
  return badRequest(message, fields, code);
}

const RULE_CODES = ['ERR_FLOWLESS_METADATA_TOO_DEEP', 'ERR_FLOWLESS_METADATA_TOO_LARGE'] as const;

function isRuleCode(value: unknown): value is (typeof RULE_CODES)[number] {
  return RULE_CODES.some((code) => code === value);
}

/**
 * Validates a body already read by {@link readBody} with a Zod schema, for a route that must look
 * at something else (a header, the session) between reading and validating.
 *
 * @throws FlowlessError `ERR_FLOWLESS_BAD_REQUEST` (or a field rule's code) listing the invalid fields.
 */
export function validateBody<S extends z.ZodType>(body: Record<string, unknown>, schema: S): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/**
 * Reads and validates a body with a Zod schema (after key normalisation).
 *
 * @throws FlowlessError `ERR_FLOWLESS_BAD_REQUEST` (or a field rule's code) listing the invalid fields.
 */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return validateBody(await readBody(c), schema);
}
