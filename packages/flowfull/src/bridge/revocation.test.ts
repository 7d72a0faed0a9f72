import { describe, expect, it } from 'vitest';
import { parseRevocationMessage, publishRevocation, REVOCATION_CHANNEL } from './revocation.js';
import { hashSessionId, isWellFormedSessionId } from './session-id.js';

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

describe('session ids', () => {
  it('hashes with SHA-256 hex', () => {
    expect(hashSessionId('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('accepts 1 to 256 visible ASCII characters only', () => {
    expect(isWellFormedSessionId('a'.repeat(256))).toBe(true);
    expect(isWellFormedSessionId('a'.repeat(257))).toBe(false);
    expect(isWellFormedSessionId('a b')).toBe(false);
    expect(isWellFormedSessionId('\u00e9')).toBe(false);
    expect(isWellFormedSessionId('')).toBe(false);
  });
});
