/**
 * @module The cold requests of `npm run bench:http`, a new session id each: (d) straight to the
 * Flowless-contract server, (c) through Flowfull's `requireAuth()`, (e) through a route that only
 * forwards the call, and (c0) through `requireAuth()` without Redis when that server runs.
 */
import { BENCH_USER_AGENT } from './bench-fingerprint.js';
import type { ColdRow } from './cold-rounds.js';

/** The cold rows for the servers `flowless` and `flowfull` reported. */
export function coldRequestRows(
  flowless: Record<string, string>,
  flowfull: Record<string, string>,
  fingerprint: Record<string, string>,
): ColdRow[] {
  const authUrl = `${flowfull.auth}/api/v1/items`;
  const secret = flowless.secret ?? '';
  const coldRows: ColdRow[] = [
    {
      key: 'd',
      build: (round, i) => ({
        method: 'POST',
        url: `${flowless.url}/auth/bridge/validate`,
        headers: { 'content-type': 'application/json', 'x-bridge-secret': secret },
        body: JSON.stringify({
          session_id: `bench-direct-${round}-${i}`,
          ip: '127.0.0.1',
          user_agent: BENCH_USER_AGENT,
        }),
      }),
    },
    {
      key: 'c',
      build: (round, i) => ({
        method: 'GET',
        url: authUrl,
        headers: { ...fingerprint, 'x-session-id': `bench-cold-${round}-${i}` },
      }),
    },
  ];
  coldRows.push({
    key: 'e',
    build: (round, i) => ({
      method: 'GET',
      url: `${flowfull.forward}/api/v1/items`,
      headers: { ...fingerprint, 'x-session-id': `bench-forward-${round}-${i}` },
    }),
  });
  if (flowfull.authLocal) {
    coldRows.push({
      key: 'c0',
      build: (round, i) => ({
        method: 'GET',
        url: `${flowfull.authLocal}/api/v1/items`,
        headers: { ...fingerprint, 'x-session-id': `bench-local-${round}-${i}` },
      }),
    });
  }
  return coldRows;
}
