/**
 * @module Tracks a server's connections so that a shutdown closes each one at the right moment:
 * after its in-flight response, or at once if it already served one and sits idle. A connection
 * that was accepted but has not sent its request yet is left to send it (and is answered with
 * `Connection: close`): Node's own `closeIdleConnections()` counts it as idle and resets it, which
 * cuts off a request the client has already sent.
 */
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

interface SocketState {
  active: number;
  served: number;
}

/** What a shutdown needs from the tracker. */
export interface ConnectionTracker {
  /** Starts draining: idle used connections end now, others after their next response. */
  drain(): void;
  /** Open connections right now. */
  readonly size: number;
  /** Destroys every connection still open. */
  destroyAll(): void;
}

/**
 * Tracks the connections of `server`.
 */
export function trackConnections(server: Server): ConnectionTracker {
  const sockets = new Map<Socket, SocketState>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { active: 0, served: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (request: { socket: Socket }, response: ServerResponse) => {
    const socket = request.socket;
    const state = sockets.get(socket);
    if (state === undefined) return;
    state.active += 1;
    if (draining) response.shouldKeepAlive = false;
    response.once('close', () => {
      state.active -= 1;
      state.served += 1;
      if (draining && state.active === 0) socket.end();
    });
  });
  return {
    drain() {
      draining = true;
      for (const [socket, state] of sockets) if (state.active === 0 && state.served > 0) socket.end();
    },
    get size() {
      return sockets.size;
    },
    destroyAll() {
      for (const socket of sockets.keys()) socket.destroy();
    },
  };
}
