/**
 * @module Flowless configuration: schema and loader.
 */
export type { FlowlessConfig } from './flowless-config.js';
export { flowlessConfigShape, loadFlowlessConfig } from './flowless-config.js';
