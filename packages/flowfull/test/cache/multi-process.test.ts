import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithService } from '#test-support/services.js';
import { cacheFactory, inspector, redisUrl, removeKeys, uniquePrefix } from './support.js';

const script = fileURLToPath(new URL('./fixtures/cache-process.ts', import.meta.url));

describeWithService('redis', 'HybridCache shared by two processes', () => {
  const caches = cacheFactory();
  const redis = inspector();
  const prefix = uniquePrefix('process');
  let child: ChildProcessWithoutNullStreams;
  let lines: Interface;

  const ask = async (command: string): Promise<unknown> => {
    const answer = new Promise<string>((resolve) => lines.once('line', resolve));
    child.stdin.write(`${command}\n`);
    return JSON.parse(await answer);
  };

  beforeAll(async () => {
    child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, redisUrl, prefix]);
    lines = createInterface({ input: child.stdout });
    await new Promise<void>((resolve, reject) => {
      lines.once('line', (line) => (line === 'ready' ? resolve() : reject(new Error(line))));
      child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    });
  }, 30_000);

  afterAll(async () => {
    child.stdin.end();
    child.kill();
    await caches.closeAll();
    await removeKeys(redis, prefix);
    redis.disconnect();
  });

  it('a value set in this process is read by the other; a delete here makes the other miss', async () => {
    const cache = caches.create<{ n: number }>({ keyPrefix: prefix, redis: redisUrl });
    await cache.ready();
    await cache.set('k', { n: 1 });
    expect(await ask('get k')).toEqual({ n: 1 });
    expect(await ask('get k')).toEqual({ n: 1 });
    expect(await ask('metrics')).toMatchObject({ redisHits: 1, lruHits: 1 });
    await cache.delete('k');
    await vi.waitFor(async () => expect(await ask('get k')).toBeNull());
    expect(await ask('metrics')).toMatchObject({ bus: { received: 2 } });
  });
});
