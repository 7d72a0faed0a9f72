/**
 * @module A Flowless stand-in held in memory: the bridge contract app, its fixtures and knobs, and a
 * `fetch` that calls it without a socket. {@link FlowlessContractServer} serves the same app over HTTP.
 */
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { RevocationMessage } from '../bridge/revocation.js';
import {
  type ContractFault,
  type ContractRequest,
  type ContractResponseShape,
  type ContractSession,
  ContractState,
} from './contract-state.js';
import { type ContractEnv, type ContractSocket, createFlowlessContractApp } from './flowless-contract-app.js';

/** Options of {@link FlowlessContract.create} and {@link FlowlessContractServer.start}. */
export interface FlowlessContractOptions {
  /** Bridge secret the contract expects in `X-Bridge-Secret`. @default a random 32-byte hex string */
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

/** The base URL of an in-memory contract: a reserved name that never resolves on a network. */
export const IN_MEMORY_CONTRACT_URL = 'http://flowless.test';

/**
 * A Flowless stand-in without a socket: pass {@link FlowlessContract.fetch} to the validator. The
 * revocation feed needs a real stream; use {@link FlowlessContractServer} (or `revocationSource: 'off'`).
 *
 * @example
 * ```ts
 * const flowless = FlowlessContract.create({ sessions: { 'sess-1': { user_id: 'u1' } } });
 * const validator = new BridgeValidator({ flowlessApiUrl: flowless.url, validationSecret: flowless.secret,
 *   fetch: flowless.fetch, revocationSource: 'off' });
 * await validator.validateSession('sess-1'); // { success: true, session: { user_id: 'u1', ... } }
 * ```
 */
export class FlowlessContract {
  readonly #state: ContractState;
  readonly #app: Hono<ContractEnv>;
  /** Base URL, e.g. `http://127.0.0.1:41234` (served) or {@link IN_MEMORY_CONTRACT_URL}. */
  readonly url: string;

  protected constructor(options: FlowlessContractOptions, url: string) {
    const state = new ContractState(options.secret ?? randomBytes(32).toString('hex'));
    for (const [id, session] of Object.entries(options.sessions ?? {})) state.sessions.set(id, session);
    state.latencyMs = options.latencyMs ?? 0;
    state.shape = options.shape ?? 'superset';
    state.onInvalidate = options.onInvalidate ?? null;
    state.resolveSession = options.resolveSession ?? null;
    this.#state = state;
    this.#app = createFlowlessContractApp(state);
    this.url = url;
  }

  /** A contract answered in memory, at {@link IN_MEMORY_CONTRACT_URL}. */
  static create(options: FlowlessContractOptions = {}): FlowlessContract {
    return new FlowlessContract(options, IN_MEMORY_CONTRACT_URL);
  }

  /**
   * Calls the contract app in memory, as `fetch` would over a socket: an aborted `signal` rejects,
   * and the `close-socket` fault rejects with a `TypeError` as undici does.
   */
  readonly fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      const closed: (() => void)[] = [];
      const socket: ContractSocket = {
        destroy: () => {
          reject(new TypeError('fetch failed', { cause: new Error('other side closed') }));
          for (const listener of closed.splice(0)) listener();
        },
        once: (_event, listener) => void closed.push(listener),
      };
      Promise.resolve(this.#app.request(input, init, { incoming: { socket } })).then(resolve, reject);
    });

  /** The request handler of the app, for a server to serve. */
  protected handle(request: Request, env: ContractEnv['Bindings']): Response | Promise<Response> {
    return this.#app.fetch(request, env);
  }

  /** The bridge secret the contract expects. */
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

  /** Publishes a revocation on the feed (`GET /auth/bridge/revocations`). */
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

  /** Releases what the contract holds (nothing in memory; the server closes its socket). */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
