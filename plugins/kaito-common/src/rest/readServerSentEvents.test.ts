import { readServerSentEvents, ServerSentEvent } from './readServerSentEvents';

describe('readServerSentEvents', () => {
  it.each<[string, string[], ServerSentEvent[]]>([
    [
      'one message',
      ['data: {"a":1}\n\n'],
      [{ event: 'message', data: '{"a":1}' }],
    ],
    [
      'a message split across chunks mid-line',
      ['da', 'ta: hel', 'lo\n', '\n'],
      [{ event: 'message', data: 'hello' }],
    ],
    ['CRLF line ends', ['data: x\r\n\r\n'], [{ event: 'message', data: 'x' }]],
    [
      'a CRLF split between chunks',
      ['data: x\r', '\n\r\n'],
      [{ event: 'message', data: 'x' }],
    ],
    ['bare CR line ends', ['data: x\r\r'], [{ event: 'message', data: 'x' }]],
    [
      'comments such as pings',
      [': ping\n\n', 'data: y\n\n'],
      [{ event: 'message', data: 'y' }],
    ],
    [
      'multi-line data',
      ['data: a\ndata: b\n\n'],
      [{ event: 'message', data: 'a\nb' }],
    ],
    [
      'a named event followed by a default one',
      ['event: kaito.metrics\ndata: {}\n\ndata: [DONE]\n\n'],
      [
        { event: 'kaito.metrics', data: '{}' },
        { event: 'message', data: '[DONE]' },
      ],
    ],
    [
      'no space after the colon',
      ['data:z\n\n'],
      [{ event: 'message', data: 'z' }],
    ],
    [
      'a trailing message without its blank line',
      ['data: a\n\ndata: cut'],
      [{ event: 'message', data: 'a' }],
    ],
    ['an event name without data', ['event: lonely\n\n'], []],
    [
      'CRLF and CR line ends mixed, a CRLF split between chunks',
      ['data: one\r', '\n\r\ndata: two\r\r'],
      [
        { event: 'message', data: 'one' },
        { event: 'message', data: 'two' },
      ],
    ],
    [
      'an id field, which is ignored',
      ['id: 3\ndata:x\n\n'],
      [{ event: 'message', data: 'x' }],
    ],
    [
      'a last line that ends without the blank line',
      ['data: complete\n\ndata: incomplete\n'],
      [{ event: 'message', data: 'complete' }],
    ],
    [
      'multi-byte characters split across chunks',
      ['data: caf\xc3', '\xa9\n\n'],
      [{ event: 'message', data: 'café' }],
    ],
  ])('reads %s', async (_, chunks, expected) => {
    expect(await collect(chunks)).toEqual(expected);
  });

  it('cancels the body when the consumer stops early', async () => {
    const cancel = jest.fn();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel,
    });
    for await (const event of readServerSentEvents(body)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(cancel).toHaveBeenCalled();
  });
});

/**
 * Streams the chunks and collects the messages. A chunk holding `\x80`-`\xff`
 * is sent as raw bytes (so `\xc3`, `\xa9` are the two UTF-8 bytes of "é").
 */
async function collect(chunks: string[]): Promise<ServerSentEvent[]> {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(
          /[\x80-\xff]/.test(chunk)
            ? Uint8Array.from(chunk, c => c.charCodeAt(0))
            : encoder.encode(chunk),
        );
      }
      controller.close();
    },
  });
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(body)) {
    events.push(event);
  }
  return events;
}
