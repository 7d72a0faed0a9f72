/**
 * @module Zod schemas of the `/auth/two_factor` routes' inputs, over the normalised snake_case
 * keys (`methodId` → `method_id`, `verificationCode` → `verification_code`, …). Both body forms of
 * the clients are accepted: `method_id` or `method`; `two_factor_enabled` or `enabled`;
 * `identifier` or `email`/`phone`.
 */
import { z } from 'zod';

const methodName = z.enum(['totp', 'email', 'sms', 'passkey', 'backup_codes']);

/** The proof a sensitive change needs: the current password, or a code of an active factor. */
export const proofFields = {
  current_password: z.string().max(4096).optional(),
  verification_code: z.string().max(64).optional(),
  verification_method_id: z.string().max(64).optional(),
  verification_method: methodName.optional(),
};

/** `POST /auth/two_factor/:method/setup`. */
export const setupBody = z.object({
  identifier: z.string().max(320).optional(),
  email: z.string().max(320).optional(),
  phone: z.string().max(32).optional(),
});

/** `POST /auth/two_factor/:method/start`. */
export const startBody = z.object({
  method_id: z.string().max(64).optional(),
  action: z.enum(['login', 'setup', 'remove', 'verify']).optional(),
});

/**
 * `POST /auth/two_factor/verify`: `method_id` or `method`, the code (or, for a passkey, the
 * WebAuthn response as `credential`, and a `name` when setting one up), the action (login by
 * default).
 */
export const verifyBody = z.object({
  method_id: z.string().max(64).optional(),
  method: methodName.optional(),
  code: z.string().min(1).max(64).optional(),
  credential: z.record(z.string(), z.unknown()).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  action: z.enum(['login', 'setup', 'remove']).optional(),
  ...proofFields,
});

/** `POST /auth/two_factor/toggle`: `two_factor_enabled` (core) or `enabled` (docs), and a proof. */
export const toggleBody = z.object({
  two_factor_enabled: z.boolean().optional(),
  enabled: z.boolean().optional(),
  ...proofFields,
});

/** `DELETE /auth/two_factor/:id` and `POST /auth/two_factor/backup_codes`: a proof. */
export const proofBody = z.object(proofFields);

/** The method names of the path parameter. */
export type MethodName = z.infer<typeof methodName>;

/**
 * Reads the `:method` path parameter.
 */
export function methodParam(value: string | undefined): MethodName | null {
  const parsed = methodName.safeParse(value);
  return parsed.success ? parsed.data : null;
}
