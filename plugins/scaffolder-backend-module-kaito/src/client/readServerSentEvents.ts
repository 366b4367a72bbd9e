/** One message of a `text/event-stream`. @internal */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
}

/**
 * Parses a `text/event-stream` body into messages, following the WHATWG
 * event-stream rules that matter here: `data:` lines accumulate, a blank line
 * dispatches, `:` lines are comments (the server's pings), and a message
 * without data is dropped.
 *
 * @internal
 */
export async function* readServerSentEvents(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let dataLines: string[] = [];

  const takeLine = (line: string): ServerSentEvent | undefined => {
    if (line === '') {
      const message = dataLines.length
        ? { event: event || 'message', data: dataLines.join('\n') }
        : undefined;
      event = '';
      dataLines = [];
      return message;
    }
    if (line.startsWith(':')) {
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      dataLines.push(value);
    } else if (field === 'event') {
      event = value;
    }
    return undefined;
  };

  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.search(/\r\n|\r|\n/);
    while (newline !== -1) {
      const line = buffer.slice(0, newline);
      const separatorLength = buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone '\r' at the end of a chunk may be the first half of '\r\n'.
      if (buffer[newline] === '\r' && newline === buffer.length - 1) {
        break;
      }
      buffer = buffer.slice(newline + separatorLength);
      const message = takeLine(line);
      if (message) {
        yield message;
      }
      newline = buffer.search(/\r\n|\r|\n/);
    }
  }
  buffer += decoder.decode();
  if (buffer.endsWith('\r')) {
    const message = takeLine(buffer.slice(0, -1));
    if (message) {
      yield message;
    }
  }
  // Anything else left is a message whose blank line never came: incomplete, dropped as browsers do.
}
