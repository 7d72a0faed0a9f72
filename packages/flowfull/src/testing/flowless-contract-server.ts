/**
 * @module A real HTTP server on 127.0.0.1 (random port) that follows the Flowless bridge contract,
 * for integration tests and benchmarks of anything that talks to Flowless over a socket.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { FlowlessContract, type FlowlessContractOptions } from './flowless-contract.js';
import type { ContractEnv } from './flowless-contract-app.js';

/** Options of {@link FlowlessContractServer.start}. */
export type FlowlessContractServerOptions = FlowlessContractOptions;

/**
 * A Flowless stand-in over real HTTP: what {@link FlowlessContract} answers in memory, on a socket
 * (for the revocation feed, the `close-socket` fault and tests of the transport itself).
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
export class FlowlessContractServer extends FlowlessContract {
  readonly #server: Server;

  private constructor(options: FlowlessContractOptions, server: Server, url: string) {
    super(options, url);
    this.#server = server;
  }

  /** Starts the server on 127.0.0.1 with a random free port. */
  static start(options: FlowlessContractServerOptions = {}): Promise<FlowlessContractServer> {
    return new Promise((resolve) => {
      // The contract holds its URL, so it is built once the port is known; no request can come
      // earlier, since nobody knows the port before.
      let contract: FlowlessContractServer | undefined;
      const fetch = (request: Request, env: ContractEnv['Bindings']): Response | Promise<Response> =>
        contract?.handle(request, env) ?? new Response(null, { status: 503 });
      const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
        contract = new FlowlessContractServer(options, server, `http://127.0.0.1:${info.port}`);
        resolve(contract);
      }) as Server;
    });
  }

  /** Stops the server, closing kept-alive and hanging connections. */
  override close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      this.#server.closeAllConnections();
    });
  }
}
