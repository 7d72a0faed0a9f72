/**
 * @module zodValidator(): Hono's validator with a Zod schema. Invalid input gets 400
 * `ERR_HTTP_VALIDATION_FAILED` naming each failing field; valid input is read, typed, with
 * `c.req.valid(target)`. A JSON body must come as JSON: any other `Content-Type` with a body is
 * 415 `ERR_HTTP_UNSUPPORTED_MEDIA_TYPE` (no body still validates `{}`).
 */
import type { Context, Env, MiddlewareHandler, ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { envelope } from '../error-envelope/envelope.js';
import { isJsonMediaType } from './json-media-type.js';

/** One failing field of a request. */
export interface FieldProblem {
  /** Dotted path inside the target (`title`, `tags.2`); empty for the whole value. */
  readonly field: string;
  /** What is wrong, for humans. */
  readonly message: string;
}

/** The validation targets a Zod schema can check. */
export type ZodTarget = Exclude<keyof ValidationTargets, 'form'>;

/**
 * Validates one part of the request against a Zod schema.
 *
 * @example
 * ```ts
 * const body = z.object({ title: z.string().min(1) });
 * app.post('/items', zodValidator('json', body), (c) => c.json(c.req.valid('json')));
 * // {"title":""} → 400 {"success":false,"error":"Invalid request body","code":"ERR_HTTP_VALIDATION_FAILED",
 * //                      "fields":[{"field":"title","message":"Too small: expected string to have >=1 characters"}],...}
 * // a text/plain body → 415 {"success":false,"error":"Content-Type must be application/json",
 * //                          "code":"ERR_HTTP_UNSUPPORTED_MEDIA_TYPE",...}
 * ```
 */
export function zodValidator<T extends ZodTarget, S extends z.ZodType>(
  target: T,
  schema: S,
): MiddlewareHandler<Env, string, { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }> {
  const what = target === 'json' ? 'request body' : target === 'param' ? 'path parameters' : target;
  const middleware = validator(target, async (value, c) => {
    // Hono's validator reads a body of another type as `{}`: a cross-site form post (text/plain,
    // with the user's cookies) would then reach the handler.
    if (target === 'json' && !isJsonMediaType(c.req.header('content-type')) && (await hasBody(c))) {
      return c.json(
        envelope(c, 'Content-Type must be application/json', 'ERR_HTTP_UNSUPPORTED_MEDIA_TYPE'),
        415,
      );
    }
    const parsed = await schema.safeParseAsync(value);
    if (parsed.success) return parsed.data;
    return c.json(
      envelope(c, `Invalid ${what}`, 'ERR_HTTP_VALIDATION_FAILED', { fields: fieldProblems(parsed.error) }),
      400,
    );
  });
  // Hono infers its validated types from the callback; here they are the schema's own.
  return middleware as unknown as MiddlewareHandler<
    Env,
    string,
    { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }
  >;
}

async function hasBody(c: Context): Promise<boolean> {
  return (await c.req.text()).trim() !== '';
}

/**
 * The failing fields of a Zod error.
 *
 * @example
 * ```ts
 * fieldProblems(schema.safeParse(input).error); // [{ field: 'title', message: '...' }]
 * ```
 */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}
