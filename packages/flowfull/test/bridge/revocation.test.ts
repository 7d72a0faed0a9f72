import { randomUUID } from 'node:crypto';
import {
  BridgeValidator,
  hashSessionId,
  publishRevocation,
  type SessionValidationResult,
} from 'flowfull/bridge';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeWithService, serviceUrls } from '#test-support/services.js';
import { FlowlessContractServer } from '../../src/testing/index.js';

const codeOf = (result: SessionValidationResult): string | null => (result.success ? null : result.code);

describeWithService('redis', 'BridgeValidator revocation over Redis', () => {
  let flowless: FlowlessContractServer;
  let publisher: Redis;
  const validators: BridgeValidator[] = [];

  /** Two Flowfull instances sharing one Redis, with a channel and key prefix unique to this test. */
  async function twoInstances(): Promise<[BridgeValidator, BridgeValidator, string]> {
    const id = randomUUID();
    const channel = `flowless:revocations:test:${id}`;
    const make = () =>
      new BridgeValidator({
        flowlessApiUrl: flowless.url,
        validationSecret: flowless.secret,
        redis: serviceUrls.redis,
        revocationChannel: channel,
        keyPrefix: `bridge_test:${id}`,
        validationMode: { mode: 'DISABLED' },
      });
    const pair: [BridgeValidator, BridgeValidator] = [make(), make()];
    validators.push(...pair);
    await Promise.all(pair.map((v) => v.ready()));
    return [...pair, channel];
  }

  beforeAll(async () => {
    flowless = await FlowlessContractServer.start();
    publisher = new Redis(serviceUrls.redis);
  });
  afterAll(async () => {
    publisher.disconnect();
    await flowless.close();
  });
  afterEach(async () => {
    await Promise.all(validators.splice(0).map((v) => v.close()));
    flowless.setLatency(0);
    flowless.resetCounts();
  });

  it('shares a validation between instances through the shared cache', async () => {
    const [a, b] = await twoInstances();
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-share' });
    await a.validateSession(id);
    await a.idle();
    expect((await b.validateSession(id)).success).toBe(true);
    expect(flowless.validateCalls).toBe(1);
  });

  it('a session.revoked message reaches both instances within 1 s', async () => {
    const [a, b, channel] = await twoInstances();
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-rev' });
    await a.validateSession(id);
    await b.validateSession(id);
    flowless.removeSession(id);
    await publishRevocation(publisher, { type: 'session.revoked', session_hash: hashSessionId(id) }, channel);
    await vi.waitFor(
      async () => {
        expect(codeOf(await a.validateSession(id))).toBe('SESSION_INVALID');
        expect(codeOf(await b.validateSession(id))).toBe('SESSION_INVALID');
      },
      { timeout: 1000, interval: 20 },
    );
  });

  it('a user.sessions_revoked message drops every session of the user on both instances', async () => {
    const [a, b, channel] = await twoInstances();
    const user = `u-${randomUUID()}`;
    const ids = [`sess-${randomUUID()}`, `sess-${randomUUID()}`];
    for (const id of ids) {
      flowless.addSession(id, { user_id: user });
      await a.validateSession(id);
    }
    for (const id of ids) await b.validateSession(id);
    for (const id of ids) flowless.removeSession(id);
    await publishRevocation(publisher, { type: 'user.sessions_revoked', user_id: user }, channel);
    await vi.waitFor(
      async () => {
        for (const v of [a, b]) {
          for (const id of ids) expect(codeOf(await v.validateSession(id))).toBe('SESSION_INVALID');
        }
      },
      { timeout: 1000, interval: 20 },
    );
  });

  it('does not cache a validation in flight when the revocation arrives', async () => {
    const [a, , channel] = await twoInstances();
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-race' });
    flowless.setLatency(300);
    const pending = a.validateSession(id);
    await vi.waitFor(() => expect(flowless.validateCalls).toBe(1));
    await publishRevocation(publisher, { type: 'session.revoked', session_hash: hashSessionId(id) }, channel);
    expect(codeOf(await pending)).toBe('SESSION_INVALID');
    flowless.setLatency(0);
    expect((await a.validateSession(id)).success).toBe(true);
    expect(flowless.validateCalls).toBe(2);
  });

  it('invalidateSession() ends the session at Flowless and on the other instance', async () => {
    const [a, b] = await twoInstances();
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-inv' });
    await a.validateSession(id);
    await b.validateSession(id);
    await a.invalidateSession(id);
    expect(flowless.invalidateCalls).toBe(1);
    await vi.waitFor(async () => expect(codeOf(await b.validateSession(id))).toBe('SESSION_INVALID'), {
      timeout: 1000,
      interval: 20,
    });
  });

  it('ignores messages that are not revocations', async () => {
    const [a, , channel] = await twoInstances();
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-noise' });
    await a.validateSession(id);
    await publisher.publish(channel, JSON.stringify({ type: 'session.revoked', session_hash: id }));
    await publisher.publish(channel, 'garbage');
    await a.validateSession(id);
    expect(flowless.validateCalls).toBe(1);
  });
});
