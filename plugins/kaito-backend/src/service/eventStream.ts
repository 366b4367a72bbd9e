/** What the stream writes to (an express Response, whatever its typed request). */
type EventStreamResponse = {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  flushHeaders(): void;
  write(chunk: string): boolean;
};

/**
 * Serves a server-sent event stream: `first` at once, then `next()`'s event
 * after each burst of changes (coalesced for 100 ms), a comment ping every
 * 15 s so proxies keep the connection, and cleanup when the client goes.
 * `onError` handles a failed `next()` while the client is still there.
 *
 * @internal
 */
export function serveEventStream<E>(
  res: EventStreamResponse,
  stream: {
    first: E;
    subscribe: (onChange: () => void) => () => void;
    next: () => Promise<E>;
    onError: (error: Error, send: (event: E) => void) => void;
    /** Registers what to do when the client goes (the request's `close`). */
    onClose: (listener: () => void) => void;
  },
): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  const send = (event: E) => res.write(`data: ${JSON.stringify(event)}\n\n`);
  send(stream.first);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const push = () => {
    timer = undefined;
    stream.next().then(
      event => !closed && send(event),
      error => !closed && stream.onError(error, send),
    );
  };
  const unsubscribe = stream.subscribe(() => {
    timer ??= setTimeout(push, 100);
  });
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  stream.onClose(() => {
    closed = true;
    unsubscribe();
    clearInterval(ping);
    if (timer) clearTimeout(timer);
  });
}
