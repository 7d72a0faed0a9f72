/**
 * @module The fixtures, knobs and counters behind the Flowless contract app, and the types of its
 * sessions, responses, faults and recorded requests.
 */
import type { RevocationMessage } from '../bridge/revocation.js';

/** A session the contract server knows, by its raw id. */
export interface ContractSession {
  readonly user_id: string;
  readonly email?: string;
  readonly name?: string;
  readonly user_type?: string;
  readonly ip_address?: string | null;
  readonly user_agent?: string | null;
  readonly device_id?: string | null;
  /** Expiry; a past date makes validation answer 401 "Session expired". @default one hour after creation */
  readonly expires_at?: Date | string;
  /** Whether a second factor was verified on the session (sent as 0/1, as Flowless does). @default false */
  readonly two_factor_verified?: boolean;
  /** The second-factor methods verified on the session. @default [] */
  readonly two_factor_methods?: readonly string[];
  /** Set to answer as for a personal API token (`auth_type: 'api_token'` and this token id). @default none: a session */
  readonly token_id?: string;
}

/** The bridge-validate answer variants the server can answer with (docs/flowless-contract.md). */
export type ContractResponseShape = 'superset' | 'session-only' | 'data-envelope';

/** A fault to inject: a 500, a 200 with a non-JSON body, a closed socket, or no answer at all. */
export type ContractFault = 'status-500' | 'garbage' | 'close-socket' | 'hang';

/** One request the server received (for assertions). */
export interface ContractRequest {
  readonly path: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  /** When the request arrived (`Date.now()`), before any latency or fault. */
  readonly receivedAt: number;
}

/** The mutable state behind the app: fixtures, knobs and counters. */
export class ContractState {
  readonly sessions = new Map<string, ContractSession>();
  /** Requests received, in order. */
  readonly requests: ContractRequest[] = [];
  /** Added latency per request, in ms. */
  latencyMs = 0;
  /** Response variant for successful validations. */
  shape: ContractResponseShape = 'superset';
  /** Fault applied to the next `faultCount` requests (all requests when `faultCount` is Infinity). */
  fault: ContractFault | null = null;
  faultCount = 0;
  /** Answers for ids not in `sessions` (for example every id with a prefix, for load tests). */
  resolveSession: ((sessionId: string) => ContractSession | undefined) | null = null;
  /** Called after a session is invalidated (for example to publish a revocation). */
  onInvalidate: ((sessionId: string) => Promise<void> | void) | null = null;

  /** Revocations published so far: the feed's events (ids from 1). */
  readonly revocations: { readonly id: number; readonly at: number; readonly message: RevocationMessage }[] =
    [];
  /** Open feed streams. */
  readonly feedListeners = new Set<(event: ContractState['revocations'][number]) => void>();
  /** Sockets of open feed streams (cut when the feed goes down). */
  readonly feedSockets = new Set<{ destroy(): void }>();
  /** While true the feed answers 503 (an outage of the feed alone). */
  feedDown = false;

  constructor(readonly secret: string) {}

  /** Appends a revocation to the feed and pushes it to every open stream. */
  publishRevocation(message: RevocationMessage): void {
    const event = { id: this.revocations.length + 1, at: Date.now(), message };
    this.revocations.push(event);
    for (const listener of this.feedListeners) listener(event);
  }

  /** Calls received on `path` (`/auth/bridge/validate` or `/auth/bridge/invalidate`). */
  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }
}
