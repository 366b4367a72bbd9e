import { HttpResponse } from 'msw';

/**
 * A `text/event-stream` response whose body the test writes to: `send` a
 * message, `close` the stream. The body stays open until closed, like the
 * backend's live streams.
 */
export function controllableEventStream() {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      cancelled = true;
    },
  });
  return {
    response: () =>
      new HttpResponse(body, {
        headers: { 'Content-Type': 'text/event-stream' },
      }),
    send(data: unknown, event?: string) {
      const text = typeof data === 'string' ? data : JSON.stringify(data);
      controller!.enqueue(
        encoder.encode(`${event ? `event: ${event}\n` : ''}data: ${text}\n\n`),
      );
    },
    close() {
      controller!.close();
    },
    get cancelled() {
      return cancelled;
    },
  };
}

/** A complete `text/event-stream` response with the given messages. */
export function eventStreamResponse(
  messages: Array<{ data: unknown; event?: string }>,
) {
  const text = messages
    .map(
      ({ data, event }) =>
        `${event ? `event: ${event}\n` : ''}data: ${
          typeof data === 'string' ? data : JSON.stringify(data)
        }\n\n`,
    )
    .join('');
  return new HttpResponse(text, {
    headers: { 'Content-Type': 'text/event-stream' },
  });
}

/** The OpenAI streaming chunks of a reply, one per token, then metrics and `[DONE]`. */
export function chatReply(
  tokens: string[],
  metrics = {
    timeToFirstTokenMs: 42,
    tokensPerSecond: 85.5,
    completionTokens: tokens.length,
  },
) {
  return eventStreamResponse([
    ...tokens.map(token => ({
      data: { choices: [{ delta: { content: token } }] },
    })),
    { event: 'kaito.metrics', data: metrics },
    { data: '[DONE]' },
  ]);
}

/** The standard Backstage error body the backend's error middleware sends. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    },
    { status },
  );
}
