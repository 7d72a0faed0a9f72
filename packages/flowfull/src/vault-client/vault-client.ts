/**
 * @module createVaultClient(): a small typed client of the Session API. The vault session token
 * lives in memory only (a private field; never storage, cookies or URLs). A 410
 * `SESSION_TOKEN_EXPIRED` calls the application's `reauthenticate` callback, which signs in again
 * and returns a new token, and the call is retried once.
 */
import { FlowfullError } from '../errors.js';

/** Codes of {@link VaultClientError}. */
export type VaultClientErrorCode =
  | 'ERR_VAULT_CLIENT_NO_TOKEN'
  | 'ERR_VAULT_CLIENT_HTTP'
  | 'ERR_VAULT_CLIENT_EXPIRED';

/** A failed vault call: `status` and the server's `serverCode` when there was an answer. */
export class VaultClientError extends FlowfullError<VaultClientErrorCode> {
  /** HTTP status, or 0 when none. */
  readonly status: number;
  /** The envelope's `code` (e.g. `VALUE_TOO_LARGE`), when the server sent one. */
  readonly serverCode: string | null;

  constructor(code: VaultClientErrorCode, message: string, status = 0, serverCode: string | null = null) {
    super(code, message);
    this.status = status;
    this.serverCode = serverCode;
  }
}

/** Options of {@link createVaultClient}. */
export interface VaultClientOptions {
  /** Base URL of the vault's API, e.g. `https://vault.example.com/api/v1`. */
  baseUrl: string;
  /**
   * Signs the user in again (e.g. through `POST /auth/callback` with a fresh Flowless session) and
   * returns the new vault token, or `null` when it cannot; called on a 410.
   */
  reauthenticate: () => Promise<string | null>;
  /** A first token, from the sign-in that created the client. @default null */
  token?: string | null;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** One stored key, as `GET /sessions` lists it. */
export interface VaultClientKey {
  readonly key: string;
  readonly size: number;
  readonly updated_at: string;
}

/** The Session API, typed. */
export interface VaultClient {
  /** Replaces the token held in memory (after a sign-in). */
  setToken(token: string | null): void;
  /** Whether a token is held. */
  readonly signedIn: boolean;
  /** The keys of the signed-in user. */
  list(): Promise<VaultClientKey[]>;
  /** A value, or `undefined` when there is none under `key`. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a JSON value. */
  set(key: string, value: unknown): Promise<void>;
  /** Deletes a value; resolves whether there was one. */
  delete(key: string): Promise<boolean>;
  /** Revokes every vault token of the user, then forgets its own. */
  revoke(): Promise<void>;
  /** Ends this vault session and forgets the token. */
  logout(): Promise<void>;
}

type Envelope = { success?: boolean; code?: string; error?: string; data?: unknown };

/**
 * Creates a client.
 *
 * @example
 * ```ts
 * const vault = createVaultClient({ baseUrl: '/api/v1', token, reauthenticate: () => signInAgain() });
 * await vault.set('cart', { items: [] });
 * const cart = await vault.get<{ items: string[] }>('cart');
 * ```
 */
export function createVaultClient(options: VaultClientOptions): VaultClient {
  if (typeof options.reauthenticate !== 'function') {
    throw new TypeError('createVaultClient: options.reauthenticate must be a function');
  }
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  let token = options.token ?? null;

  async function send(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; envelope: Envelope }> {
    if (token === null) throw new VaultClientError('ERR_VAULT_CLIENT_NO_TOKEN', 'Not signed in to the vault');
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const envelope = (await res.json().catch(() => ({}))) as Envelope;
    return { status: res.status, envelope };
  }

  async function call(
    method: string,
    path: string,
    body?: unknown,
    allow404 = false,
  ): Promise<Envelope | null> {
    let answer = await send(method, path, body);
    if (answer.status === 410) {
      token = await options.reauthenticate();
      if (token === null)
        throw new VaultClientError('ERR_VAULT_CLIENT_EXPIRED', 'Vault session expired', 410);
      answer = await send(method, path, body);
    }
    if (answer.status === 404 && allow404) return null;
    if (answer.status >= 400) {
      throw new VaultClientError(
        'ERR_VAULT_CLIENT_HTTP',
        answer.envelope.error ?? `Vault answered ${answer.status}`,
        answer.status,
        answer.envelope.code ?? null,
      );
    }
    return answer.envelope;
  }

  const keyPath = (key: string) => encodeURIComponent(key);
  return {
    setToken(next) {
      token = next;
    },
    get signedIn() {
      return token !== null;
    },
    async list() {
      const envelope = await call('GET', '/sessions');
      return ((envelope?.data as { keys?: VaultClientKey[] } | undefined)?.keys ?? []).slice();
    },
    async get<T>(key: string) {
      const envelope = await call('GET', `/sessions/get/${keyPath(key)}`, undefined, true);
      return envelope === null ? undefined : ((envelope.data as { value: T }).value as T);
    },
    async set(key, value) {
      await call('POST', `/sessions/set/${keyPath(key)}`, { value });
    },
    async delete(key) {
      return (await call('DELETE', `/sessions/delete/${keyPath(key)}`, undefined, true)) !== null;
    },
    async revoke() {
      await call('POST', '/sessions/revoke');
      token = null;
    },
    async logout() {
      await call('GET', '/auth/logout');
      token = null;
    },
  };
}
