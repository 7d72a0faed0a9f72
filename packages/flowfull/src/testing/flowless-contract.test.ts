import { afterAll, describe, expect, it } from 'vitest';
import { BridgeValidator } from '../bridge/index.js';
import { FlowlessContract, IN_MEMORY_CONTRACT_URL } from './index.js';

const flowless = FlowlessContract.create({ sessions: { 'sess-1': { user_id: 'u1' } } });
const validate = (body: Record<string, unknown>, secret = flowless.secret, init: RequestInit = {}) =>
  flowless.fetch(`${flowless.url}/auth/bridge/validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bridge-secret': secret },
    body: JSON.stringify(body),
    ...init,
  });

describe('FlowlessContract (in memory)', () => {
  const validator = new BridgeValidator({
    flowlessApiUrl: flowless.url,
    validationSecret: flowless.secret,
    fetch: flowless.fetch,
    revocationSource: 'off',
    retryAttempts: 0,
  });
  afterAll(() => validator.close());

  it('answers a validator through its fetch, without a socket, and counts the call', async () => {
    expect(flowless.url).toBe(IN_MEMORY_CONTRACT_URL);
    const result = await validator.validateSession('sess-1');
    expect(result).toMatchObject({ success: true, session: { user_id: 'u1' } });
    expect(flowless.validateCalls).toBe(1);
    expect(flowless.requests[0]?.body).toEqual({ session_id: 'sess-1' });
  });

  it('refuses a wrong bridge secret with 401 INVALID_BRIDGE_SECRET', async () => {
    const response = await validate({ session_id: 'sess-1' }, 'wrong');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'INVALID_BRIDGE_SECRET' });
  });

  it('rejects like a network error on the close-socket fault', async () => {
    flowless.setFault('close-socket', 1);
    await expect(validate({ session_id: 'sess-1' })).rejects.toThrow(TypeError);
    expect((await validate({ session_id: 'sess-1' })).status).toBe(200);
  });

  it('rejects with the signal reason when a hanging call is aborted', async () => {
    flowless.setFault('hang', 1);
    const call = validate({ session_id: 'sess-1' }, flowless.secret, { signal: AbortSignal.timeout(30) });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
