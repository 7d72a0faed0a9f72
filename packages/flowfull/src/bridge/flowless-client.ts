/**
 * @module The HTTP client of the Flowless bridge endpoints: per-attempt timeouts, retries with
 * exponential backoff and full jitter on network errors and 5xx only, one overall deadline, and a
 * circuit breaker. The session id travels in the JSON body, never in the URL.
 */

import { defaultOf } from '../config/env-variable.js';
import { flowfullVariables } from '../config/variables.js';
import { CircuitBreaker, type CircuitBreakerOptions } from '../resilience/circuit-breaker.js';
import { AttemptFailure, classify, isOk, readJson, unexpectedStatus } from './attempt-failure.js';
import {
  type BridgeTransport,
  fetchTransport,
  nodeHttpTransport,
  type TransportReply,
} from './bridge-transport.js';
import {
  BridgeBadResponseError,
  BridgeCircuitOpenError,
  BridgeError,
  BridgeSecretRejectedError,
  BridgeTimeoutError,
  BridgeUnavailableError,
} from './errors.js';
import { createFlowlessBreaker } from './flowless-breaker.js';
import { type FlowlessVerdict, readRejection, readValidateResponse } from './flowless-response.js';
import type { RequestContext } from './types.js';

/** Options of {@link FlowlessClient}. */
export interface FlowlessClientOptions {
  /** Base URL of Flowless (`FLOWLESS_API_URL`), without `/auth`. */
  flowlessApiUrl: string;
  /** Shared secret sent as `X-Bridge-Secret` (`BRIDGE_VALIDATION_SECRET`). */
  validationSecret: string;
  /** Timeout of one attempt in ms (`BRIDGE_TIMEOUT_MS`). @default 5000 */
  timeout?: number;
  /** Retries after the first attempt, on network errors, timeouts and 5xx only (`BRIDGE_RETRY_ATTEMPTS`). @default 3 */
  retryAttempts?: number;
  /** Overall deadline of one call, all attempts and backoff included, in ms. @default 2 × timeout */
  deadline?: number;
  /** First backoff step in ms; step n waits a random time in [0, min(max, base × 2^n)]. @default 50 */
  backoffBaseMs?: number;
  /** Largest backoff step in ms. @default 1000 */
  backoffMaxMs?: number;
  /**
   * The circuit breaker (`flowfull/cache`'s), or its options.
   * @default opens after 5 failures; waits 500 ms before the first probe, doubling after each failed probe up to 10 s, less up to 10% jitter
   */
  breaker?: CircuitBreaker | CircuitBreakerOptions;
  /** A fetch implementation to send calls through instead of the default transport. @default none */
  fetch?: typeof fetch;
  /** How calls travel. @default `fetchTransport(fetch)` when `fetch` is given, else `nodeHttpTransport()` (keep-alive) */
  transport?: BridgeTransport;
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** Random number in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /** Waits `ms`. @default a setTimeout promise */
  sleep?: (ms: number) => Promise<void>;
}

/** Outcome of asking Flowless to invalidate a session. */
export type InvalidateOutcome = 'invalidated' | 'already_gone';

interface Resolved {
  validateUrl: string;
  invalidateUrl: string;
  secret: string;
  timeout: number;
  retryAttempts: number;
  deadline: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  transport: BridgeTransport;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `POST /auth/bridge/validate` and `POST /auth/bridge/invalidate` on Flowless.
 * `validate()` resolves to a verdict for every answer Flowless gives (401/403 = invalid) and throws
 * a {@link BridgeError} only when there is no answer.
 *
 * @example
 * ```ts
 * const client = new FlowlessClient({ flowlessApiUrl: 'http://127.0.0.1:3000', validationSecret });
 * const verdict = await client.validate(sessionId, { ip: '203.0.113.9' });
 * ```
 */
export class FlowlessClient {
  readonly #o: Resolved;
  readonly #breaker: CircuitBreaker;

  constructor(options: FlowlessClientOptions) {
    if (typeof options.flowlessApiUrl !== 'string' || !URL.canParse(options.flowlessApiUrl)) {
      throw new TypeError('FlowlessClient: option "flowlessApiUrl" must be an absolute URL');
    }
    if (typeof options.validationSecret !== 'string' || options.validationSecret.length === 0) {
      throw new TypeError('FlowlessClient: option "validationSecret" is required');
    }
    const timeout = options.timeout ?? defaultOf(flowfullVariables.BRIDGE_TIMEOUT_MS);
    const base = options.flowlessApiUrl.replace(/\/+$/, '');
    this.#o = {
      validateUrl: `${base}/auth/bridge/validate`,
      invalidateUrl: `${base}/auth/bridge/invalidate`,
      secret: options.validationSecret,
      timeout,
      retryAttempts: options.retryAttempts ?? defaultOf(flowfullVariables.BRIDGE_RETRY_ATTEMPTS),
      deadline: options.deadline ?? timeout * 2,
      backoffBaseMs: options.backoffBaseMs ?? 50,
      backoffMaxMs: options.backoffMaxMs ?? 1000,
      transport:
        options.transport ??
        (options.fetch === undefined ? nodeHttpTransport() : fetchTransport(options.fetch)),
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? defaultSleep,
    };
    for (const key of ['timeout', 'deadline', 'retryAttempts'] as const) {
      if (!Number.isFinite(this.#o[key]) || this.#o[key] < 0) {
        throw new TypeError(`FlowlessClient: option "${key}" must be a number >= 0`);
      }
    }
    this.#breaker =
      options.breaker instanceof CircuitBreaker
        ? options.breaker
        : createFlowlessBreaker(options.breaker, this.#o.now, this.#o.random);
  }

  /** The circuit breaker guarding calls. */
  get breaker(): CircuitBreaker {
    return this.#breaker;
  }

  /** Asks Flowless whether `sessionId` is valid, sending the request's fingerprint along. */
  validate(sessionId: string, context: RequestContext = {}): Promise<FlowlessVerdict> {
    const body = JSON.stringify({
      session_id: sessionId,
      ip: context.ip ?? undefined,
      user_agent: context.user_agent ?? undefined,
      device_id: context.device_id ?? undefined,
    });
    return this.#call(this.#o.validateUrl, body, (reply) => {
      if (reply.status === 401 || reply.status === 403) {
        const rejection = readRejection(readJson(reply));
        if (rejection.secretRejected) throw new AttemptFailure(new BridgeSecretRejectedError(), false);
        return { kind: 'invalid', expired: rejection.expired, reason: rejection.reason };
      }
      if (!isOk(reply)) throw unexpectedStatus(reply.status);
      const verdict = readValidateResponse(readJson(reply));
      if (verdict.kind === 'unreadable')
        throw new AttemptFailure(new BridgeBadResponseError(verdict.reason), false);
      return verdict;
    });
  }

  /** Asks Flowless to end the session (`POST /auth/bridge/invalidate`). */
  invalidate(sessionId: string): Promise<InvalidateOutcome> {
    const body = JSON.stringify({ session_id: sessionId });
    return this.#call(this.#o.invalidateUrl, body, (reply) => {
      if (isOk(reply)) return 'invalidated';
      const rejection = readRejection(readJson(reply));
      if (rejection.secretRejected) throw new AttemptFailure(new BridgeSecretRejectedError(), false);
      if (reply.status === 401 || reply.status === 404) return 'already_gone';
      throw unexpectedStatus(reply.status);
    });
  }

  /** Releases the transport's pooled connections. */
  close(): void {
    this.#o.transport.close();
  }

  async #call<T>(url: string, body: string, interpret: (reply: TransportReply) => T): Promise<T> {
    const o = this.#o;
    const deadlineAt = o.now() + o.deadline;
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-bridge-secret': o.secret,
    };
    for (let attempt = 0; ; attempt++) {
      const permit = this.#breaker.acquire();
      if (permit === null) throw new BridgeCircuitOpenError();
      const remaining = deadlineAt - o.now();
      if (remaining <= 0) throw new BridgeTimeoutError('Flowless did not answer within the deadline');
      let failure: AttemptFailure;
      // One timer per attempt, cleared as soon as the answer is read: cheaper under load than
      // AbortSignal.timeout(), whose timers outlive the request until they fire.
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new DOMException('attempt timed out', 'TimeoutError')),
        Math.min(o.timeout, remaining),
      );
      try {
        const reply = await o.transport.post(url, { headers, body, signal: controller.signal });
        if (reply.status >= 500) {
          throw new AttemptFailure(
            new BridgeUnavailableError(`Flowless answered ${reply.status}`, { status: reply.status }),
            true,
          );
        }
        const result = interpret(reply);
        this.#breaker.success();
        return result;
      } catch (error) {
        failure = classify(error);
      } finally {
        clearTimeout(timer);
      }
      this.#breaker.failure(permit);
      if (!failure.retryable || attempt >= o.retryAttempts) throw failure.error;
      const delay = o.random() * Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** attempt);
      if (o.now() + delay >= deadlineAt) throw failure.error;
      await o.sleep(delay);
    }
  }
}
