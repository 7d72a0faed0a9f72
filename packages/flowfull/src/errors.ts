/**
 * @module The base of every error flowfull throws. Each concept folder defines its own subclasses
 * in its `errors.ts`, each with a stable `code` (`ERR_<CONCEPT>_<WHAT>`); map them to HTTP only at
 * the edge.
 */

/** Options accepted by every flowfull error. */
export interface FlowfullErrorOptions {
  /** The underlying fault, kept for diagnosis (never shown to HTTP clients). */
  cause?: unknown;
}

/**
 * Base class of flowfull's errors: a human `message` plus a stable, machine-readable `code`.
 *
 * @example
 * ```ts
 * if (error instanceof FlowfullError && error.code === 'ERR_CONFIG_INVALID') process.exit(1);
 * ```
 */
export class FlowfullError<Code extends string = string> extends Error {
  /** Stable identifier of the failure, safe to match on. */
  readonly code: Code;

  constructor(code: Code, message: string, options: FlowfullErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}
