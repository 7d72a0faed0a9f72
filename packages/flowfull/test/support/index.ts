/**
 * @module The flowfull test fixtures, in one place: the auth suites' in-memory Flowless and
 * validators, serving an app on a real socket for the suites that need one, and raw socket probes.
 */
export { type ContractAuth, type ContractAuthOptions, useContractAuth } from './contract-auth.js';
export { type Served, serveApp } from './serve-app.js';
export { type RawResponse, type SocketProbe, sendRaw, useSocketProbe } from './socket-probe.js';
