/**
 * @module Requests to a Flowless app under test as if they came over a TCP connection from a
 * given peer address: `app.request()` with the `incoming.socket` that `@hono/node-server` passes
 * as the Hono env, which is where the app reads the peer from.
 */
import type { Harness } from './flowless-harness.js';

/** What {@link callFrom} answers. */
export interface PeerAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

/**
 * Sends a JSON request to `harness` from the TCP peer `peer`.
 */
export async function callFrom(
  harness: Harness,
  peer: string,
  method: string,
  path: string,
  options: { body?: unknown; session?: string; headers?: Record<string, string> } = {},
): Promise<PeerAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.session) headers['x-session-id'] = options.session;
  const response = await harness.app.request(
    path,
    { method, headers, ...(options.body !== undefined && { body: JSON.stringify(options.body) }) },
    { incoming: { socket: { remoteAddress: peer } } },
  );
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, body, headers: response.headers };
}
