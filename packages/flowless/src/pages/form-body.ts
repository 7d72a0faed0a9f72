/**
 * @module The fields of a posted HTML form (`application/x-www-form-urlencoded` or
 * `multipart/form-data`) as strings; a repeated field keeps its last value, a file is left out.
 */
import type { Context } from 'hono';

/** A posted form's text fields. */
export type FormFields = Readonly<Record<string, string>>;

/**
 * Reads the text fields of the posted form; an unreadable body reads as no fields.
 */
export async function readForm(c: Context): Promise<FormFields> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    return {};
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (typeof last === 'string') fields[name] = last;
  }
  return fields;
}
