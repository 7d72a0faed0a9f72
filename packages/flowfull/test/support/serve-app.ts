/**
 * @module Serves a Hono app on 127.0.0.1 (or a dual-stack address) with a random port, for tests
 * that need real sockets.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

export function serveApp(app: Hono, hostname = '127.0.0.1'): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname, port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as Server).closeAllConnections();
          }),
      });
    });
  });
}
