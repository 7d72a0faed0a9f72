import { describe, expect, it } from 'vitest';
import { eventStreamParser, type StreamEvent } from './event-stream-parser.js';

const parse = (...chunks: string[]): StreamEvent[] => {
  const events: StreamEvent[] = [];
  const feed = eventStreamParser((event) => events.push(event));
  for (const chunk of chunks) feed(chunk);
  return events;
};

describe('eventStreamParser()', () => {
  it('dispatches events at a blank line with their name, data and id', () => {
    expect(parse('event: revocation\ndata: {"a":1}\nid: 7\n\n')).toEqual([
      { event: 'revocation', data: '{"a":1}', id: '7' },
    ]);
  });

  it('joins data lines, defaults the name to message and ignores comments', () => {
    expect(parse(': heartbeat\n\ndata: one\ndata: two\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('reads CRLF and CR line ends, even when a chunk ends between CR and LF', () => {
    expect(parse('event: ready\r', '\ndata: {}\r\n\r\n', 'data: x\r\rdata: y\n\n')).toEqual([
      { event: 'ready', data: '{}' },
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('keeps an event split across chunks until it is complete', () => {
    const events: StreamEvent[] = [];
    const feed = eventStreamParser((event) => events.push(event));
    feed('event: revo');
    feed('cation\ndata: {"type"');
    expect(events).toEqual([]);
    feed(':"x"}\n\n');
    expect(events).toEqual([{ event: 'revocation', data: '{"type":"x"}' }]);
  });

  it('drops an event without data and an id holding a NUL', () => {
    expect(parse('event: empty\n\nid: a\0b\ndata: d\n\n')).toEqual([{ event: 'message', data: 'd' }]);
  });
});
