import { describe, expect, it } from 'vitest';
import { runTokenStateStoreSuite } from '../testing/token-state-store-suite.js';
import { createMemoryTokenStateStore } from './memory-store.js';

// One shared backend, as the suite requires of stores created by separate calls.
const shared = createMemoryTokenStateStore();
runTokenStateStoreSuite({ name: 'memory', createStore: () => shared });

describe('createMemoryTokenStateStore()', () => {
  it('forgets a record once its expiry has passed on the injected clock', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const store = createMemoryTokenStateStore({ now: () => now });
    expect(await store.consume('jti-1', new Date(now + 60_000))).toBe(true);
    now += 59_999;
    expect(await store.isRevokedOrUsed('jti-1')).toBe(true);
    expect(await store.consume('jti-1', new Date(now + 60_000))).toBe(false);
    now += 1;
    expect(await store.isRevokedOrUsed('jti-1')).toBe(false);
  });
});
