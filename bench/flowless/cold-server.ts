/**
 * @module The child process of `npm run bench:flowless-cold`: only the cold-token server of
 * {@link startColdTokenServer} (10,000 API tokens and as many sessions in PostgreSQL), so that the
 * load generator does not share its event loop. Reports its URL and credentials over IPC (null
 * without PostgreSQL), answers `cpu` with the process's CPU time so far (µs), exits on `exit`.
 */
import { startColdTokenServer } from './cold-tokens.js';

/** What the child reports once it listens. */
export interface ColdServerReady {
  type: 'ready';
  cold: { url: string; database: string; tokens: string[]; sessions: string[] } | null;
}

/** The bridge secret the cold server checks. */
export const COLD_BRIDGE_SECRET = 'bench-bridge-secret-0123456789abcdefghij';

const cold = await startColdTokenServer(COLD_BRIDGE_SECRET, {
  preparedStatements: process.env.BENCH_PREPARED_STATEMENTS === 'true',
});
const ready: ColdServerReady = {
  type: 'ready',
  cold: cold && { url: cold.url, database: cold.database, tokens: cold.tokens, sessions: cold.sessions },
};
process.send?.(ready);
process.on('message', (message: { type?: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', us: user + system });
  } else if (message.type === 'exit') {
    void Promise.resolve(cold?.close()).finally(() => process.exit(0));
  }
});
