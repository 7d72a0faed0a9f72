/**
 * @module How the bridge's HTTP calls travel: a small port (POST a JSON body, get the status and
 * the body text) with two adapters. The default is `node:http` with a keep-alive agent: on a
 * loopback or LAN hop to Flowless it costs about half a millisecond less per call than the global
 * `fetch` (undici), which matters on the cold path of every request. An injected `fetch` (tests,
 * other runtimes) goes through {@link fetchTransport}.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { BridgeBadResponseError } from './errors.js';

/** What Flowless answered. */
export interface TransportReply {
  readonly status: number;
  /** The whole body, as text. */
  readonly body: string;
}

/** One POST. */
export interface TransportRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Aborts the call; the promise then rejects with an `AbortError`/`TimeoutError`. */
  readonly signal: AbortSignal;
}

/** The transport port of the bridge's HTTP client. */
export interface BridgeTransport {
  /** Sends one POST; resolves for every HTTP answer, rejects when there is none. */
  post(url: string, request: TransportRequest): Promise<TransportReply>;
  /** Releases pooled connections. */
  close(): void;
}

/** Largest body read from Flowless; a bridge answer is a few hundred bytes. */
const MAX_BODY_BYTES = 1 << 20;

/**
 * The `node:http`/`node:https` transport with keep-alive agents.
 *
 * @example
 * ```ts
 * const transport = nodeHttpTransport();
 * const reply = await transport.post(url, { headers, body, signal: AbortSignal.timeout(5000) });
 * ```
 */
export function nodeHttpTransport(): BridgeTransport {
  const agents = {
    http: new HttpAgent({ keepAlive: true, scheduling: 'lifo' }),
    https: new HttpsAgent({ keepAlive: true, scheduling: 'lifo' }),
  };
  return {
    post(url, { headers, body, signal }) {
      const secure = url.startsWith('https:');
      const send = secure ? httpsRequest : httpRequest;
      return new Promise<TransportReply>((resolve, reject) => {
        const req = send(
          url,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
            agent: secure ? agents.https : agents.http,
            signal,
          },
          (res) => readReply(res, req.destroy.bind(req)).then(resolve, reject),
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/**
 * A transport over a `fetch` implementation.
 *
 * @example
 * ```ts
 * const transport = fetchTransport(globalThis.fetch);
 * ```
 */
export function fetchTransport(fetchImpl: typeof fetch): BridgeTransport {
  return {
    async post(url, { headers, body, signal }) {
      const response = await fetchImpl(url, { method: 'POST', headers, body, signal });
      return { status: response.status, body: await response.text() };
    },
    close() {},
  };
}

function readReply(res: IncomingMessage, abort: (error: Error) => void): Promise<TransportReply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        const error = new BridgeBadResponseError('Flowless answered with a body over 1 MiB');
        reject(error);
        abort(error);
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () =>
      resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks, size).toString('utf8') }),
    );
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('Flowless closed the connection mid-answer')));
  });
}
