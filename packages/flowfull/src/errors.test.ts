import { describe, expect, it } from 'vitest';
import { FlowfullError } from './errors.js';

class ExampleError extends FlowfullError<'ERR_EXAMPLE'> {}

describe('FlowfullError', () => {
  it('carries a stable code, the subclass name and the cause', () => {
    const cause = new Error('socket closed');
    const error = new ExampleError('ERR_EXAMPLE', 'example failed', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('ERR_EXAMPLE');
    expect(error.name).toBe('ExampleError');
    expect(error.message).toBe('example failed');
    expect(error.cause).toBe(cause);
  });

  it('has no cause when none is given', () => {
    expect(new FlowfullError('ERR_X', 'x').cause).toBeUndefined();
  });
});
