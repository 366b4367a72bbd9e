/** One message of a `text/event-stream` body. @public */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the server names none. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
}

/**
 * Reads a `text/event-stream` body message by message, following the WHATWG
 * rules that matter here: `\n`, `\r\n` or `\r` line ends, `:` comments
 * ignored, multi-line `data:`, one optional space after the colon, and a
 * message dispatched on a blank line (never for a trailing partial one).
 * When the signal aborts, the body is cancelled and the messages end. Shared
 * by the frontend and the scaffolder actions, which both follow the backend's
 * status and chat streams.
 *
 * @public
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<ServerSentEvent> {
  let event = '';
  let dataLines: string[] = [];
  for await (const line of readLines(body, options.signal)) {
    if (line === '') {
      if (dataLines.length > 0) {
        yield { event: event || 'message', data: dataLines.join('\n') };
      }
      event = '';
      dataLines = [];
      continue;
    }
    if (line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      dataLines.push(value);
    } else if (field === 'event') {
      event = value;
    }
  }
}

/**
 * Complete lines of a UTF-8 body; a final line without its end is dropped.
 * An abort ends the lines at once.
 */
async function* readLines(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  // Not every fetch implementation errors the body on abort: cancel it ourselves.
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel);
  try {
    if (signal?.aborted) {
      return;
    }
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done
        ? decoder.decode()
        : decoder.decode(value, { stream: true });
      for (;;) {
        const lineEnd = buffer.search(/\r\n|\r|\n/);
        // A trailing `\r` may be the first half of `\r\n`: wait for more, unless the body ended.
        if (
          lineEnd < 0 ||
          (!done && lineEnd === buffer.length - 1 && buffer[lineEnd] === '\r')
        ) {
          break;
        }
        yield buffer.slice(0, lineEnd);
        buffer = buffer.slice(
          lineEnd + (buffer.startsWith('\r\n', lineEnd) ? 2 : 1),
        );
      }
      if (done) {
        return;
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    // Stops the network read when the consumer breaks out early. Not awaited:
    // some bodies settle the cancel only once the server closes the socket.
    cancel();
  }
}
