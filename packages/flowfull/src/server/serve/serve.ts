/**
 * @module serve(): runs a Hono app on Node with graceful shutdown. On SIGTERM/SIGINT (or
 * `close()`) the server stops accepting connections, lets in-flight requests finish, closes idle
 * keep-alive connections, then runs `onClose` (close pools) — all within `shutdownTimeoutMs`.
 */
import type { Server } from 'node:http';
import { type AddressInfo, Server as NetServer } from 'node:net';
import { serve as nodeServe } from '@hono/node-server';
import { defaultOf } from '../../config/env-variable.js';
import { flowfullVariables } from '../../config/variables.js';
import { type Logger, silentLogger } from '../../logger.js';
import { trackConnections } from './connection-tracker.js';

/** Something with a `fetch` handler: a Hono app. */
export interface FetchApp {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Port; 0 picks a free one. */
  port: number;
  /** Interface to bind. @default '0.0.0.0' */
  hostname?: string;
  /** Runs after the last request finished: close database pools, Redis, validators. @default none */
  onClose?: () => Promise<void> | void;
  /**
   * Runs as soon as a shutdown starts: end long-lived responses (event streams) that would
   * otherwise hold the shutdown until its timeout. @default none
   */
  onShutdown?: () => void;
  /** Longest shutdown, in ms; connections still open then are cut. @default 10000 */
  shutdownTimeoutMs?: number;
  /**
   * How long, once a shutdown starts, the listener still takes in connections that clients had
   * already opened (they wait in the kernel's accept queue, and closing the listener would reset
   * them); they are answered with `Connection: close`. @default 250
   */
  acceptGraceMs?: number;
  /** Signals that start a shutdown; `[]` installs no handler. @default ['SIGTERM', 'SIGINT'] */
  signals?: readonly NodeJS.Signals[];
  /** Called with the exit code once a signal-started shutdown ends. @default process.exit */
  exit?: (code: number) => void;
  /** Where start and shutdown are logged. @default silent */
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** A running server. */
export interface RunningServer {
  /** The bound port. */
  readonly port: number;
  /** `http://host:port`. */
  readonly url: string;
  /** True once a shutdown has started. */
  readonly closing: boolean;
  /** The Node server. */
  readonly server: Server;
  /** Shuts down gracefully; resolves with `true` when everything finished in time. */
  close(): Promise<boolean>;
}

/** Runs `onClose` until `deadline`; false when it fails or runs past it (logged). */
async function runOnClose(
  onClose: NonNullable<ServeOptions['onClose']>,
  deadline: number,
  logger: NonNullable<ServeOptions['logger']>,
): Promise<boolean> {
  try {
    await Promise.race([
      Promise.resolve(onClose()),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('onClose timed out')), Math.max(1, deadline - Date.now())).unref(),
      ),
    ]);
    return true;
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'shutdown: onClose failed');
    return false;
  }
}

/**
 * Starts `app` and resolves once it listens.
 *
 * @example
 * ```ts
 * const running = await serve(app, { port: config.PORT, onClose: () => db.destroy() });
 * logger.info({ url: running.url }, 'listening');
 * ```
 */
export async function serve(app: FetchApp, options: ServeOptions): Promise<RunningServer> {
  const {
    port,
    hostname = defaultOf(flowfullVariables.HOST),
    onClose,
    onShutdown,
    shutdownTimeoutMs = 10_000,
    acceptGraceMs = 250,
    signals = ['SIGTERM', 'SIGINT'],
    exit = (code: number) => process.exit(code),
    logger = silentLogger,
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError('serve: option "port" must be 0-65535');
  if (!(shutdownTimeoutMs > 0)) throw new TypeError('serve: option "shutdownTimeoutMs" must be > 0');
  if (!(acceptGraceMs >= 0 && acceptGraceMs < shutdownTimeoutMs))
    throw new TypeError('serve: option "acceptGraceMs" must be >= 0 and below shutdownTimeoutMs');

  const server = await new Promise<Server>((resolve, reject) => {
    const started = nodeServe({ fetch: app.fetch, port, hostname }, () => resolve(started as Server));
    started.once('error', reject);
  });
  const tracker = trackConnections(server);
  const address = server.address() as AddressInfo;
  const host = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  let shutdown: Promise<boolean> | null = null;

  const close = (): Promise<boolean> => {
    shutdown ??= drain();
    return shutdown;
  };

  async function drain(): Promise<boolean> {
    const deadline = Date.now() + shutdownTimeoutMs;
    logger.info({ timeout_ms: shutdownTimeoutMs }, 'shutting down: no new connections, finishing requests');
    // Every connection, old or taken in during the grace, now closes after its response.
    tracker.drain();
    onShutdown?.();
    if (acceptGraceMs > 0) await new Promise((resolve) => setTimeout(resolve, acceptGraceMs));
    // net.Server's close stops accepting without http.Server's closeIdleConnections(), which would
    // reset connections whose request is on its way; the tracker closes each one when it is done.
    const stopped = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      // Leave part of the budget to onClose.
      timer = setTimeout(
        () => resolve(false),
        Math.max(0, deadline - Date.now() - Math.min(2000, shutdownTimeoutMs / 4)),
      );
    });
    const finished = await Promise.race([stopped.then(() => true), timedOut]);
    clearTimeout(timer);
    if (!finished) {
      logger.warn({ connections: tracker.size }, 'shutdown timeout: closing connections still open');
      tracker.destroyAll();
    }
    const closed = onClose === undefined ? true : await runOnClose(onClose, deadline, logger);
    logger.info({ clean: finished && closed }, 'shutdown complete');
    return finished && closed;
  }

  for (const signal of signals) {
    process.once(signal, () => {
      void close().then((clean) => exit(clean ? 0 : 1));
    });
  }

  return {
    port: address.port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    get closing() {
      return shutdown !== null;
    },
    server,
    close,
  };
}
