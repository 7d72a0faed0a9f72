/**
 * @module A parser of `text/event-stream` (the WHATWG Server-Sent Events format): lines split on
 * CR, LF or CRLF, `field: value` pairs gathered into events at a blank line, comments ignored.
 * Written here because the maintained parser (`eventsource-parser`) publishes a `source` export
 * condition pointing at TypeScript files, which this workspace's own `source` condition would load.
 */

/** One dispatched event. `event` defaults to `message`; `id` is absent when the event set none. */
export interface StreamEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/**
 * Returns a `feed(chunk)` function that calls `onEvent` for each complete event.
 */
export function eventStreamParser(onEvent: (event: StreamEvent) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;

  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) {
        onEvent({ event: event || 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) });
      }
      event = '';
      data = [];
      id = undefined;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  };

  return (chunk) => {
    buffer += chunk;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const char = buffer[i];
      if (char !== '\n' && char !== '\r') continue;
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (char === '\r' && i === buffer.length - 1) break;
      line(buffer.slice(start, i));
      if (char === '\r' && buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    buffer = buffer.slice(start);
  };
}
