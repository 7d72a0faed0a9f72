import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { serve } from './index.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function slowApp(events: string[] = []) {
  const gate = deferred<void>();
  const started = deferred<void>();
  const app = new Hono();
  app.get('/fast', (c) => c.text('fast'));
  app.get('/slow', async (c) => {
    started.resolve();
    await gate.promise;
    events.push('handler finished');
    return c.text('finished');
  });
  return { app, gate, started };
}

describe('serve()', () => {
  it('lets in-flight requests finish, refuses new connections, then runs onClose', async () => {
    const events: string[] = [];
    const { app, gate, started } = slowApp(events);
    const running = await serve(app, {
      port: 0,
      hostname: '127.0.0.1',
      signals: [],
      acceptGraceMs: 0,
      onClose: () => {
        events.push('onClose');
      },
    });
    expect(await (await fetch(`${running.url}/fast`)).text()).toBe('fast');
    const inFlight = fetch(`${running.url}/slow`).then((res) => res.text());
    await started.promise;
    const closing = running.close();
    expect(running.closing).toBe(true);
    await expect(fetch(`${running.url}/fast`, { headers: { Connection: 'close' } })).rejects.toThrow();
    gate.resolve();
    expect(await inFlight).toBe('finished');
    expect(await closing).toBe(true);
    expect(events).toEqual(['handler finished', 'onClose']);
  });

  it('cuts connections still open at the deadline and reports an unclean shutdown', async () => {
    const { app, started } = slowApp();
    const onClose = vi.fn();
    const running = await serve(app, {
      port: 0,
      hostname: '127.0.0.1',
      signals: [],
      shutdownTimeoutMs: 300,
      onClose,
    });
    const stuck = fetch(`${running.url}/slow`).catch((error: unknown) => error);
    await started.promise;
    expect(await running.close()).toBe(false);
    expect(await stuck).toBeInstanceOf(Error);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('shuts down on a configured signal and exits with 0', async () => {
    const { app } = slowApp();
    const exited = deferred<number>();
    const running = await serve(app, {
      port: 0,
      hostname: '127.0.0.1',
      signals: ['SIGUSR2'],
      exit: (code) => exited.resolve(code),
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await exited.promise).toBe(0);
    expect(running.closing).toBe(true);
  });

  it('rejects an invalid port', async () => {
    await expect(serve(new Hono(), { port: 70_000, signals: [] })).rejects.toThrow(/port/);
  });
});
