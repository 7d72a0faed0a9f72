import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createServerLogger } from './logger.js';

describe('createServerLogger()', () => {
  it('censors passwords, tokens, secrets, session ids, cookies and authorization at any of two levels', () => {
    let out = '';
    const destination = new Writable({
      write(chunk, _e, done) {
        out += String(chunk);
        done();
      },
    });
    const logger = createServerLogger({ destination, base: { service: 'test' } });
    logger.info(
      {
        password: 'p-1',
        session_id: 's-1',
        sessionId: 's-2',
        token: 't-1',
        body: { new_password: 'p-2', current_password: 'p-3', secret: 'x-1' },
        headers: {
          authorization: 'Bearer a-1',
          cookie: 'session_id=c-1',
          'x-session-id': 's-3',
          'x-bridge-secret': 'b-1',
        },
        user_id: 'u-1',
      },
      'event',
    );
    for (const value of ['p-1', 's-1', 's-2', 't-1', 'p-2', 'p-3', 'x-1', 'a-1', 'c-1', 's-3', 'b-1']) {
      expect(out).not.toContain(value);
    }
    const line = JSON.parse(out) as Record<string, unknown>;
    expect(line).toMatchObject({ service: 'test', user_id: 'u-1', password: '[redacted]', msg: 'event' });
  });
});
