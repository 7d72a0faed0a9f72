/**
 * @module Sign in with Apple posts a `user` form field with the callback, on the first
 * authorization only: JSON with the name the user gave (`{"name":{"firstName","lastName"},
 * "email"}`). The ID token never carries the name. The field is not signed, so only the name is
 * taken from it; the address always comes from the verified ID token.
 */
import { z } from 'zod';

const formUserSchema = z.object({
  name: z
    .object({
      firstName: z.string().max(200).optional(),
      lastName: z.string().max(200).optional(),
    })
    .optional(),
});

/**
 * The display name in Apple's `user` form field, or null when there is none or it is malformed.
 *
 * @example
 * ```ts
 * appleFormUserName('{"name":{"firstName":"Ada","lastName":"Lovelace"}}'); // 'Ada Lovelace'
 * ```
 */
export function appleFormUserName(field: string | null): string | null {
  if (field === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(field);
  } catch {
    return null;
  }
  const parsed = formUserSchema.safeParse(json);
  if (!parsed.success) return null;
  const { firstName = '', lastName = '' } = parsed.data.name ?? {};
  const name = `${firstName.trim()} ${lastName.trim()}`.trim();
  return name === '' ? null : name;
}
