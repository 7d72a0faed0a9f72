/**
 * @module flowfull/testing: helpers for testing applications built on flowfull, starting with a
 * Flowless-contract HTTP server.
 */
export type {
  ContractFault,
  ContractRequest,
  ContractResponseShape,
  ContractSession,
} from './contract-state.js';
export type { FlowlessContractServerOptions } from './flowless-contract-server.js';
export { FlowlessContractServer } from './flowless-contract-server.js';
