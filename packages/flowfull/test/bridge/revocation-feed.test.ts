/**
 * A validator with no Redis hears revocations on Flowless's event-stream feed (here the contract
 * server's): cached sessions are dropped when a revocation arrives, entries older than a feed loss
 * are re-checked at Flowless while it is down, and a reconnect replays what was missed.
 */
import { BridgeValidator, type BridgeValidatorOptions, hashSessionId } from 'flowfull/bridge';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FlowlessContractServer } from '../../src/testing/index.js';

let flowless: FlowlessContractServer;
const validators: BridgeValidator[] = [];

async function validator(options: Partial<BridgeValidatorOptions> = {}): Promise<BridgeValidator> {
  const created = new BridgeValidator({
    flowlessApiUrl: flowless.url,
    validationSecret: flowless.secret,
    timeout: 1000,
    retryAttempts: 0,
    validationMode: { mode: 'DISABLED' },
    revocationFeed: { initialBackoffMs: 20, maxBackoffMs: 100 },
    ...options,
  });
  validators.push(created);
  return created;
}

/** Polls until `probe` holds or 1 s passes; resolves the elapsed ms. */
async function within1s(probe: () => Promise<boolean> | boolean): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 1000) {
    if (await probe()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('not within 1 s');
}

beforeAll(async () => {
  flowless = await FlowlessContractServer.start();
});
afterAll(() => flowless.close());
afterEach(async () => {
  await Promise.all(validators.splice(0).map((v) => v.close()));
  flowless.setFeedDown(false);
  flowless.resetCounts();
});

describe('BridgeValidator on the revocation feed', () => {
  it('subscribes by default when no Redis is given and drops a revoked session', async () => {
    flowless.addSession('feed-1', { user_id: 'u-feed-1' });
    const v = await validator();
    expect(await v.ready(2000)).toBe(true);
    expect(v.metrics().revocations).toMatchObject({ source: 'feed', subscribed: true });
    expect((await v.validateSession('feed-1')).success).toBe(true);
    expect((await v.validateSession('feed-1')).success).toBe(true);
    expect(flowless.validateCalls).toBe(1);
    flowless.removeSession('feed-1');
    flowless.publishRevocation({ type: 'session.revoked', session_hash: hashSessionId('feed-1') });
    await within1s(async () => !(await v.validateSession('feed-1')).success);
    expect(await v.validateSession('feed-1')).toMatchObject({ success: false, code: 'SESSION_INVALID' });
    expect(v.metrics().revocations.received).toBeGreaterThanOrEqual(1);
  });

  it('a user revocation drops every cached session of the user', async () => {
    flowless.addSession('feed-u-a', { user_id: 'u-feed-2' });
    flowless.addSession('feed-u-b', { user_id: 'u-feed-2' });
    flowless.addSession('feed-u-other', { user_id: 'u-feed-3' });
    const v = await validator();
    await v.ready(2000);
    for (const id of ['feed-u-a', 'feed-u-b', 'feed-u-other']) await v.validateSession(id);
    expect(flowless.validateCalls).toBe(3);
    const heard = v.metrics().revocations.received;
    flowless.publishRevocation({ type: 'user.sessions_revoked', user_id: 'u-feed-2' });
    await within1s(() => v.metrics().revocations.received === heard + 1);
    for (const id of ['feed-u-a', 'feed-u-b', 'feed-u-other']) await v.validateSession(id);
    expect(flowless.validateCalls).toBe(5);
  });

  it("one instance's invalidateSession reaches another instance through the feed", async () => {
    flowless.addSession('feed-inv', { user_id: 'u-feed-4' });
    const a = await validator();
    const b = await validator();
    await Promise.all([a.ready(2000), b.ready(2000)]);
    expect((await b.validateSession('feed-inv')).success).toBe(true);
    await a.invalidateSession('feed-inv');
    await within1s(async () => !(await b.validateSession('feed-inv')).success);
  });

  it('while the feed is down, entries older than the loss are re-checked; a reconnect replays what was missed', async () => {
    flowless.addSession('feed-old', { user_id: 'u-feed-5' });
    flowless.addSession('feed-kept', { user_id: 'u-feed-6' });
    const v = await validator();
    await v.ready(2000);
    await v.validateSession('feed-old');
    await v.validateSession('feed-kept');
    expect(flowless.validateCalls).toBe(2);

    flowless.setFeedDown(true);
    await within1s(() => v.metrics().revocations.subscribed === false);
    // Older than the loss: asked again (once; the fresh answer is cached and served after that).
    expect((await v.validateSession('feed-old')).success).toBe(true);
    expect((await v.validateSession('feed-old')).success).toBe(true);
    expect(flowless.validateCalls).toBe(3);
    // A revocation made while the feed is down is not heard...
    flowless.removeSession('feed-kept');
    flowless.publishRevocation({ type: 'session.revoked', session_hash: hashSessionId('feed-kept') });

    flowless.setFeedDown(false);
    await within1s(() => v.metrics().revocations.subscribed === true);
    // ...but replayed on reconnect (Last-Event-ID), before the feed counts as up again.
    expect(await v.validateSession('feed-kept')).toMatchObject({ success: false, code: 'SESSION_INVALID' });
    expect((await v.validateSession('feed-old')).success).toBe(true);
    expect(flowless.validateCalls).toBe(4);
  });

  it('a revocation made between the first validation and the first subscription is replayed (since=)', async () => {
    flowless.addSession('feed-early', { user_id: 'u-feed-7' });
    flowless.setFeedDown(true);
    const v = await validator();
    expect((await v.validateSession('feed-early')).success).toBe(true);
    flowless.removeSession('feed-early');
    flowless.publishRevocation({ type: 'session.revoked', session_hash: hashSessionId('feed-early') });
    flowless.setFeedDown(false);
    expect(await v.ready(2000)).toBe(true);
    expect(await v.validateSession('feed-early')).toMatchObject({ success: false, code: 'SESSION_INVALID' });
  });

  it('a wrong secret never subscribes; the failure is logged once, without the secret', async () => {
    const lines: string[] = [];
    const logger = {
      warn: (fields: object, message: string) => void lines.push(JSON.stringify(fields) + message),
      error: (fields: object, message: string) => void lines.push(JSON.stringify(fields) + message),
    };
    const wrong = 'w'.repeat(40);
    const v = await validator({ validationSecret: wrong, logger });
    expect(await v.ready(300)).toBe(false);
    expect(v.metrics().revocations.subscribed).toBe(false);
    expect(lines.filter((line) => line.includes('revocation feed lost'))).toHaveLength(1);
    expect(lines.join('\n')).toContain('answered 401');
    expect(lines.join('\n')).not.toContain(wrong);
  });

  it("revocationSource 'off' opens no feed; 'redis' without Redis is refused", async () => {
    const before = flowless.feedConnections;
    const v = await validator({ revocationSource: 'off' });
    expect(await v.ready(100)).toBe(true);
    expect(flowless.feedConnections).toBe(before);
    expect(
      () =>
        new BridgeValidator({
          flowlessApiUrl: flowless.url,
          validationSecret: 's',
          revocationSource: 'redis',
        }),
    ).toThrow(/revocationSource/);
  });
});
