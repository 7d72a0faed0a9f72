/**
 * @module A TCP proxy in front of the real Redis, to inject faults without touching the server:
 * kill (drop every connection and refuse new ones), revive, and stall (hold bytes in flight), on
 * every connection or on pub/sub subscriber connections only. It can also record what clients
 * send, to show which commands reached Redis.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

/** Which direction a stall holds: towards Redis, back from Redis, or both. */
export type StallDirection = 'upstream' | 'downstream' | 'both';

/** Which connections a fault applies to: all, or those that sent a SUBSCRIBE. */
export type FaultScope = 'all' | 'subscribers';

interface Pipe {
  client: Socket;
  server: Socket;
  toServer: Buffer[];
  toClient: Buffer[];
  subscriber: boolean;
}

const SUBSCRIBE = /\r\n(p|s)?subscribe\r\n/i;

export class TcpProxy {
  readonly #target: { host: string; port: number };
  readonly #pipes = new Set<Pipe>();
  #server: Server | undefined;
  #port = 0;
  #stalled: StallDirection | null = null;
  #stallScope: FaultScope = 'all';
  #refuseSubscribers = false;
  #recording: Buffer[] | null = null;

  private constructor(target: { host: string; port: number }) {
    this.#target = target;
  }

  /** Starts a proxy to `redisUrl` on a free loopback port. */
  static async start(redisUrl: string): Promise<TcpProxy> {
    const url = new URL(redisUrl);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 6379) });
    await proxy.revive();
    return proxy;
  }

  /** The URL clients connect to. */
  get url(): string {
    return `redis://127.0.0.1:${this.#port}`;
  }

  /** Drops every connection and stops accepting new ones (as if Redis died). */
  async kill(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const pipe of this.#pipes) {
      pipe.client.destroy();
      pipe.server.destroy();
    }
    this.#pipes.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts connections again, on the same port. */
  async revive(): Promise<void> {
    const server = createServer((client) => this.#accept(client));
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve));
    const address = server.address();
    if (address !== null && typeof address === 'object') this.#port = address.port;
    this.#server = server;
  }

  /** Holds bytes going in `direction` (connections stay open, nothing arrives). */
  stall(direction: StallDirection = 'both', scope: FaultScope = 'all'): void {
    this.#stalled = direction;
    this.#stallScope = scope;
  }

  /**
   * Drops the subscriber connections (those that sent a SUBSCRIBE), and every later one as soon as
   * it subscribes, until `allowSubscribers()`: the command connections keep working.
   */
  dropSubscribers(): void {
    this.#refuseSubscribers = true;
    for (const pipe of this.#pipes) if (pipe.subscriber) this.#end(pipe);
  }

  /** Lets subscriber connections through again. */
  allowSubscribers(): void {
    this.#refuseSubscribers = false;
  }

  /** Delivers what was held and forwards normally again. */
  resume(): void {
    this.#stalled = null;
    this.#stallScope = 'all';
    for (const pipe of this.#pipes) {
      for (const chunk of pipe.toServer.splice(0)) pipe.server.write(chunk);
      for (const chunk of pipe.toClient.splice(0)) pipe.client.write(chunk);
    }
  }

  /** Starts (or restarts) recording the bytes clients send towards Redis. */
  record(): void {
    this.#recording = [];
  }

  /** What clients sent since {@link record}, as text (RESP is ASCII framing around the arguments). */
  recorded(): string {
    return Buffer.concat(this.#recording ?? []).toString('latin1');
  }

  async close(): Promise<void> {
    await this.kill();
  }

  #holds(pipe: Pipe, direction: 'upstream' | 'downstream'): boolean {
    if (this.#stallScope === 'subscribers' && !pipe.subscriber) return false;
    return this.#stalled === 'both' || this.#stalled === direction;
  }

  #end(pipe: Pipe): void {
    this.#pipes.delete(pipe);
    pipe.client.destroy();
    pipe.server.destroy();
  }

  #accept(client: Socket): void {
    const server = connect(this.#target.port, this.#target.host);
    const pipe: Pipe = { client, server, toServer: [], toClient: [], subscriber: false };
    this.#pipes.add(pipe);
    client.on('data', (chunk: Buffer) => {
      this.#recording?.push(chunk);
      if (!pipe.subscriber && SUBSCRIBE.test(chunk.toString('latin1'))) pipe.subscriber = true;
      if (pipe.subscriber && this.#refuseSubscribers) this.#end(pipe);
      else if (this.#holds(pipe, 'upstream')) pipe.toServer.push(chunk);
      else server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => {
      if (this.#holds(pipe, 'downstream')) pipe.toClient.push(chunk);
      else client.write(chunk);
    });
    const end = (): void => this.#end(pipe);
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
  }
}
