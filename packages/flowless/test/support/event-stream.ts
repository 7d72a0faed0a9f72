/**
 * @module Reads a `text/event-stream` response in tests: collects events (and heartbeat comments)
 * and waits for the ones a test expects.
 */

/** One event as received. */
export interface ReceivedEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string | undefined;
}

/** An open event stream. */
export interface EventStream {
  readonly status: number;
  readonly contentType: string | null;
  readonly events: ReceivedEvent[];
  /** Heartbeat comment lines received. */
  comments: number;
  /** Resolves the first event (from the start) matching `match`, or rejects after `timeoutMs`. */
  next(match: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): void;
}

/**
 * Opens `url` with `headers` and reads events until closed.
 */
export async function openEventStream(url: string, headers: Record<string, string>): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const stream: EventStream = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events: [],
    comments: 0,
    async next(match, timeoutMs = 3000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const found = stream.events.find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(stream.events)}`);
    },
    close: () => abort.abort(),
  };
  if (response.status !== 200 || response.body === null) return stream;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments++;
            else {
              const colon = line.indexOf(':');
              fields.set(line.slice(0, colon), line.slice(colon + 2));
            }
          }
          if (fields.has('data')) {
            stream.events.push({
              event: fields.get('event') ?? 'message',
              data: fields.get('data') ?? '',
              id: fields.get('id'),
            });
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return stream;
}
