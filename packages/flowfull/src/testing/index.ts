/**
 * @module flowfull/testing: helpers for testing applications built on flowfull: a Flowless-contract
 * stand-in (in memory or over HTTP) and a TCP proxy that injects faults in front of Redis.
 */

export type {
  ContractFault,
  ContractRequest,
  ContractResponseShape,
  ContractSession,
} from './contract-state.js';
export type { FlowlessContractOptions } from './flowless-contract.js';
export { FlowlessContract, IN_MEMORY_CONTRACT_URL } from './flowless-contract.js';
export type { FlowlessContractServerOptions } from './flowless-contract-server.js';
export { FlowlessContractServer } from './flowless-contract-server.js';
export type { FaultScope, StallDirection } from './tcp-proxy.js';
export { TcpProxy } from './tcp-proxy.js';
