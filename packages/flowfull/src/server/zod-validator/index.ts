/**
 * @module zodValidator(): request validation with Zod (400 with the failing fields, 415 for a
 * body that is not JSON on a JSON target).
 */
export { isJsonMediaType } from './json-media-type.js';
export type { FieldProblem, ZodTarget } from './zod-validator.js';
export { fieldProblems, zodValidator } from './zod-validator.js';
