/**
 * @module The console's "new item" form: its posted fields read as strings, then validated by the
 * same schema as the JSON create routes (`newItemSchema`), with a message per failing field.
 */
import { fieldProblems } from 'flowfull/server';
import type { Context } from 'hono';
import { newItemSchema } from '../items/item.js';
import type { NewItemInput } from '../items/item-access.js';

/** What the person typed, shown again with the errors (nothing here is secret). */
export interface ItemFormValues {
  readonly title: string;
  readonly description: string;
  readonly is_public: boolean;
}

/** Errors by field name. */
export type ItemFormErrors = Readonly<Partial<Record<keyof ItemFormValues, string>>>;

/** A valid form, or the values and their errors. */
export type ItemFormResult =
  | { readonly ok: true; readonly input: NewItemInput }
  | { readonly ok: false; readonly values: ItemFormValues; readonly errors: ItemFormErrors };

// The schema decides; these say it in words a person reads next to the field.
const MESSAGES: Readonly<Record<keyof ItemFormValues, string>> = {
  title: 'Enter a title of 1 to 200 characters.',
  description: 'Keep the description to 5000 characters.',
  is_public: 'Choose whether the item is public.',
};

async function formFields(c: Context): Promise<Record<string, string>> {
  try {
    const body = await c.req.parseBody();
    return Object.fromEntries(
      Object.entries(body).flatMap(([name, value]) => {
        const last = Array.isArray(value) ? value.at(-1) : value;
        return typeof last === 'string' ? [[name, last]] : [];
      }),
    );
  } catch {
    return {};
  }
}

/**
 * Reads and validates the posted form.
 */
export async function readItemForm(c: Context): Promise<ItemFormResult> {
  const fields = await formFields(c);
  const values: ItemFormValues = {
    title: fields.title ?? '',
    description: fields.description ?? '',
    is_public: fields.is_public === 'on',
  };
  const parsed = newItemSchema.safeParse({
    title: values.title,
    description: values.description.trim() === '' ? null : values.description,
    is_public: values.is_public,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Partial<Record<keyof ItemFormValues, string>> = {};
  for (const problem of fieldProblems(parsed.error)) {
    if (problem.field in MESSAGES)
      errors[problem.field as keyof ItemFormValues] = MESSAGES[problem.field as keyof ItemFormValues];
  }
  return { ok: false, values, errors };
}
