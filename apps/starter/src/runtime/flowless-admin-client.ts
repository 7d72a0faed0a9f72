/**
 * @module The one Flowless admin call the starter makes: deleting a user with the calling admin's
 * own session, so that Flowless applies its own rules (only a superadmin may delete a superadmin)
 * and ends the user's sessions.
 */

/** What Flowless said about a deletion. */
export type DeleteUserOutcome = 'deleted' | 'not_found' | 'forbidden' | 'failed';

/** Options of {@link createFlowlessAdminClient}. */
export interface FlowlessAdminClientOptions {
  /** Flowless base URL (`FLOWLESS_API_URL`). */
  flowlessApiUrl: string;
  /** Timeout in ms. @default 5000 */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** The client. */
export interface FlowlessAdminClient {
  /** `DELETE /auth/admin/users/:id` as the admin whose session id is given. */
  deleteUser(userId: string, adminSessionId: string): Promise<DeleteUserOutcome>;
}

/**
 * Creates the client.
 */
export function createFlowlessAdminClient(options: FlowlessAdminClientOptions): FlowlessAdminClient {
  const base = new URL(options.flowlessApiUrl);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    async deleteUser(userId, adminSessionId) {
      const url = new URL(
        `auth/admin/users/${encodeURIComponent(userId)}`,
        `${base.href.replace(/\/?$/, '/')}`,
      );
      try {
        const response = await doFetch(url, {
          method: 'DELETE',
          headers: { 'X-Session-ID': adminSessionId, Accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        if (response.ok) return 'deleted';
        if (response.status === 404) return 'not_found';
        if (response.status === 401 || response.status === 403) return 'forbidden';
        return 'failed';
      } catch {
        return 'failed';
      }
    },
  };
}
