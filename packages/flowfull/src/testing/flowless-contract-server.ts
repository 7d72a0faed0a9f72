/**
 * @module A real HTTP server on 127.0.0.1 (random port) that follows the Flowless bridge contract,
 * for integration tests and benchmarks of anything that talks to Flowless.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { RevocationMessage } from '../bridge/revocation.js';
import {
  type ContractFault,
  type ContractRequest,
  type ContractResponseShape,
  type ContractSession,
  ContractState,
} from './contract-state.js';
import { createFlowlessContractApp } from './flowless-contract-app.js';

/** Options of {@link FlowlessContractServer.start}. */
export interface FlowlessContractServerOptions {
  /** Bridge secret the server expects in `X-Bridge-Secret`. @default a random 32-byte hex string */
  secret?: string;
  /** Sessions known from the start, by raw id. @default none */
  sessions?: Readonly<Record<string, ContractSession>>;
  /** Added latency per request, in ms. @default 0 */
  latencyMs?: number;
  /** Response variant of successful validations. @default 'superset' */
  shape?: ContractResponseShape;
  /** Answers for ids not added as sessions (e.g. any id with a prefix, for load tests). @default none */
  resolveSession?: (sessionId: string) => ContractSession | undefined;
  /** Called after a session is invalidated. @default none */
  onInvalidate?: (sessionId: string) => Promise<void> | void;
}

/**
 * A Flowless stand-in over real HTTP.
 *
 * @example
 * ```ts
 * const flowless = await FlowlessContractServer.start({ sessions: { 'sess-1': { user_id: 'u1' } } });
 * const validator = new BridgeValidator({ flowlessApiUrl: flowless.url, validationSecret: flowless.secret });
 * await validator.validateSession('sess-1'); // { success: true, session: { user_id: 'u1', ... } }
 * expect(flowless.validateCalls).toBe(1);
 * await flowless.close();
 * ```
 */
export class FlowlessContractServer {
  readonly #state: ContractState;
  readonly #server: Server;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;

  private constructor(state: ContractState, server: Server, url: string) {
    this.#state = state;
    this.#server = server;
    this.url = url;
  }

  /** Starts the server on 127.0.0.1 with a random free port. */
  static async start(options: FlowlessContractServerOptions = {}): Promise<FlowlessContractServer> {
    const state = new ContractState(options.secret ?? randomBytes(32).toString('hex'));
    for (const [id, session] of Object.entries(options.sessions ?? {})) state.sessions.set(id, session);
    state.latencyMs = options.latencyMs ?? 0;
    state.shape = options.shape ?? 'superset';
    state.onInvalidate = options.onInvalidate ?? null;
    state.resolveSession = options.resolveSession ?? null;
    const app = createFlowlessContractApp(state);
    return new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
        resolve(new FlowlessContractServer(state, server as Server, `http://127.0.0.1:${info.port}`));
      }) as Server;
    });
  }

  /** The bridge secret the server expects. */
  get secret(): string {
    return this.#state.secret;
  }

  /** Number of `POST /auth/bridge/validate` calls received. */
  get validateCalls(): number {
    return this.#state.count('/auth/bridge/validate');
  }

  /** Number of `POST /auth/bridge/invalidate` calls received. */
  get invalidateCalls(): number {
    return this.#state.count('/auth/bridge/invalidate');
  }

  /** Every request received, in order. */
  get requests(): readonly ContractRequest[] {
    return this.#state.requests;
  }

  /** Adds or replaces a session. */
  addSession(sessionId: string, session: ContractSession): void {
    this.#state.sessions.set(sessionId, session);
  }

  /** Forgets a session, as Flowless does after a logout. */
  removeSession(sessionId: string): void {
    this.#state.sessions.delete(sessionId);
  }

  /** Sets the latency added to every request, in ms. */
  setLatency(ms: number): void {
    this.#state.latencyMs = ms;
  }

  /** Sets the response variant of successful validations. */
  setShape(shape: ContractResponseShape): void {
    this.#state.shape = shape;
  }

  /** Injects `fault` into the next `count` requests (every request by default); `null` clears it. */
  setFault(fault: ContractFault | null, count = Number.POSITIVE_INFINITY): void {
    this.#state.fault = fault;
    this.#state.faultCount = fault === null ? 0 : count;
  }

  /** Publishes a revocation on the server's feed (`GET /auth/bridge/revocations`). */
  publishRevocation(message: RevocationMessage): void {
    this.#state.publishRevocation(message);
  }

  /** Takes the feed down (open streams are cut, new ones get 503) or brings it back. */
  setFeedDown(down: boolean): void {
    this.#state.feedDown = down;
    if (down) for (const socket of this.#state.feedSockets) socket.destroy();
  }

  /** Feed streams open right now. */
  get feedConnections(): number {
    return this.#state.feedListeners.size;
  }

  /** Forgets the requests received so far. */
  resetCounts(): void {
    this.#state.requests.length = 0;
  }

  /** Stops the server, closing kept-alive and hanging connections. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      this.#server.closeAllConnections();
    });
  }
}
