/**
 * @module Fault helpers for the database suite: a port nothing listens on, and a server that
 * accepts connections but never answers.
 */
import { createServer, type Server, type Socket } from 'node:net';

/** A loopback port that was free a moment ago and now refuses connections. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A loopback server that accepts every connection and stays silent. */
export interface StallingServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function stallingServer(): Promise<StallingServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
