/**
 * @module serve(): Node server with graceful shutdown.
 */
export type { FetchApp, RunningServer, ServeOptions } from './serve.js';
export { serve } from './serve.js';
