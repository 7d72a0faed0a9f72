/**
 * @module zodValidator(): request validation with Zod (400 with the failing fields).
 */
export type { FieldProblem, ZodTarget } from './zod-validator.js';
export { fieldProblems, zodValidator } from './zod-validator.js';
