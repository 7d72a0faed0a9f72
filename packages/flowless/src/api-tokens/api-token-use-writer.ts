/**
 * @module Writes `tokens.last_used_at` behind the bridge's answers. A validation only records the
 * use; the uses gathered meanwhile are written together, one statement per batch, at most one
 * batch every {@link API_TOKEN_USE_WRITE_GAP_MS}. A write per use, started as each answer left,
 * cost a commit (a WAL flush on PostgreSQL) per cold validation and competed with the next
 * request for the two cores; batched, a burst of first uses costs a few statements a second.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { BackgroundTasks } from '../runtime/background-tasks.js';
import type { ApiTokenStore } from './api-token-store.js';

/** Least time between the starts of two `last_used_at` batches, in ms. */
export const API_TOKEN_USE_WRITE_GAP_MS = 250;

/** Most uses written by one statement (bound parameters stay far below every dialect's limit). */
const MAX_BATCH = 500;

/** Records token uses for a later `last_used_at` write. */
export interface ApiTokenUseWriter {
  /** Records that token `id` was used at `at` (ms); written with the next batch. */
  record(id: string, at: number): void;
}

/** Options of {@link createApiTokenUseWriter}. */
export interface ApiTokenUseWriterOptions {
  store: Pick<ApiTokenStore, 'touchMany'>;
  /** Runs the batches, so that `drain()` (shutdown, tests) waits for the pending uses. */
  tasks: BackgroundTasks;
  /** Least time between two batches, in ms. @default API_TOKEN_USE_WRITE_GAP_MS */
  gapMs?: number;
}

/**
 * Creates the {@link ApiTokenUseWriter}. One background task at a time writes every pending use,
 * batch after batch, then ends; the next use starts another.
 */
export function createApiTokenUseWriter(options: ApiTokenUseWriterOptions): ApiTokenUseWriter {
  const gapMs = options.gapMs ?? API_TOKEN_USE_WRITE_GAP_MS;
  const pending = new Map<string, number>();
  let running = false;
  let lastBatch = Number.NEGATIVE_INFINITY;

  const writePending = async (): Promise<void> => {
    try {
      while (pending.size > 0) {
        // Always yields a timer turn first, so the answer that recorded the use is sent before.
        await delay(Math.max(0, lastBatch + gapMs - performance.now()));
        lastBatch = performance.now();
        const batch = [...pending].slice(0, MAX_BATCH);
        for (const [id] of batch) pending.delete(id);
        await options.store.touchMany(batch);
      }
    } finally {
      running = false;
    }
  };

  return {
    record(id, at) {
      pending.set(id, Math.max(at, pending.get(id) ?? 0));
      if (running) return;
      running = true;
      options.tasks.run('api_token.touch', writePending);
    },
  };
}
