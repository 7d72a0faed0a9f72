import { randomUUID } from 'node:crypto';
import {
  type BridgeValidator,
  hashSessionId,
  parseRevocationMessage,
  publishRevocation,
  REVOCATION_CHANNEL,
  type SessionValidationResult,
} from 'flowfull/bridge';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeWithService, serviceUrls } from '#test-support/services.js';
import { useContractAuth } from '../support/index.js';

describe('revocation messages', () => {
  it('parses both message types', () => {
    const hash = hashSessionId('s');
    expect(parseRevocationMessage(JSON.stringify({ type: 'session.revoked', session_hash: hash }))).toEqual({
      type: 'session.revoked',
      session_hash: hash,
    });
    expect(parseRevocationMessage('{"type":"user.sessions_revoked","user_id":"u1"}')).toEqual({
      type: 'user.sessions_revoked',
      user_id: 'u1',
    });
  });

  it('ignores anything else, including a raw session id in place of its hash', () => {
    expect(parseRevocationMessage('not json')).toBeNull();
    expect(parseRevocationMessage('{"type":"session.revoked","session_hash":"raw-session-id"}')).toBeNull();
    expect(parseRevocationMessage('{"type":"other"}')).toBeNull();
  });

  it('publishes JSON on the default channel and refuses a malformed message', async () => {
    const sent: [string, string][] = [];
    const redis = { publish: async (channel: string, message: string) => sent.push([channel, message]) };
    await publishRevocation(redis, { type: 'user.sessions_revoked', user_id: 'u1' });
    expect(sent).toEqual([[REVOCATION_CHANNEL, '{"type":"user.sessions_revoked","user_id":"u1"}']]);
    await expect(publishRevocation(redis, { type: 'session.revoked', session_hash: 'x' })).rejects.toThrow(
      TypeError,
    );
  });
});

const codeOf = (result: SessionValidationResult): string | null => (result.success ? null : result.code);

describeWithService('redis', 'BridgeValidator revocation over Redis', () => {
  const { flowless, makeValidator } = useContractAuth({
    validator: { redis: serviceUrls.redis, revocationSource: 'redis' },
  });
  let publisher: Redis;

  /** Two Flowfull instances sharing one Redis, with a channel and key prefix unique to this test. */
  async function twoInstances(): Promise<[BridgeValidator, BridgeValidator, string]> {
    const id = randomUUID();
    const channel = `flowless:revocations:test:${id}`;
    const make = () => makeValidator({ revocationChannel: channel, keyPrefix: `bridge_test:${id}` });
    const pair: [BridgeValidator, BridgeValidator] = [make(), make()];
    await Promise.all(pair.map((v) => v.ready()));
    return [...pair, channel];
  }

  beforeAll(() => {
    publisher = new Redis(serviceUrls.redis);
  });
  afterAll(() => publisher.disconnect());

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

  it('neither caches nor serves a validation in flight when the revocation arrives: Flowless is asked again', async () => {
    const [a, , channel] = await twoInstances();
    const id = `sess-${randomUUID()}`;
    flowless.addSession(id, { user_id: 'u-race' });
    flowless.setLatency(300);
    const pending = a.validateSession(id);
    await vi.waitFor(() => expect(flowless.validateCalls).toBe(1));
    await publishRevocation(publisher, { type: 'session.revoked', session_hash: hashSessionId(id) }, channel);
    // The session is still valid at Flowless (the message only announced a change): the answer
    // asked for after the revocation is served and cached.
    expect((await pending).success).toBe(true);
    expect(flowless.validateCalls).toBe(2);
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
