/**
 * @module Small pieces the provider-style test servers share: a JSON answer, a form body, PKCE
 * S256 checking, and listening on an ephemeral 127.0.0.1 port.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Reads an `application/x-www-form-urlencoded` body. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
}

/** True when `verifier` is the S256 PKCE verifier of `challenge`. */
export function pkceMatches(verifier: string | null, challenge: string): boolean {
  return verifier !== null && createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/** Listens on 127.0.0.1; resolves to the base URL and a close function. */
export async function listenLocal(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
