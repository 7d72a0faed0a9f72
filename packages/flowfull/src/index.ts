/**
 * @module flowfull: the public surface of the framework. Every concept is also importable from its
 * own subpath (`flowfull/config`, `flowfull/db`, `flowfull/cache`, `flowfull/tokens`,
 * `flowfull/bridge`, `flowfull/validation`, `flowfull/middleware`).
 */

export type { FlowfullErrorOptions } from './errors.js';
export { FlowfullError } from './errors.js';
