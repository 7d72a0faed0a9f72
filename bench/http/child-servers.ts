/**
 * @module The benchmark's servers, each in a child process (`http-servers.ts <role>`), and the
 * Redis check that decides whether the Flowfull server gets an L2.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REDIS_URL } from './bench-settings.js';

const serversScript = fileURLToPath(new URL('./http-servers.ts', import.meta.url));
/** Every child started, killed by the benchmark when it ends. */
export const children: ChildProcess[] = [];

/** Starts the `role` server and resolves with the URLs (and secret) it reports. */
export function start(role: string, env: Record<string, string>): Promise<Record<string, string>> {
  const child = fork(serversScript, [role], {
    execArgv: ['--conditions=source', '--import', 'tsx'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as Record<string, string>));
    child.once('exit', (code) => reject(new Error(`${role} server exited with ${code}`)));
  });
}

/** Whether the Redis of BENCH_REDIS_URL answers a PING. */
export async function redisAvailable(): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
