import { readServerSentEvents, ServerSentEvent } from './readServerSentEvents';

async function parse(chunks: string[]): Promise<ServerSentEvent[]> {
  const encoder = new TextEncoder();
  async function* body() {
    for (const chunk of chunks) {
      yield encoder.encode(chunk);
    }
  }
  const messages: ServerSentEvent[] = [];
  for await (const message of readServerSentEvents(body())) {
    messages.push(message);
  }
  return messages;
}

describe('readServerSentEvents', () => {
  it.each([
    {
      name: 'one message per blank line',
      chunks: ['data: {"a":1}\n\ndata: {"a":2}\n\n'],
      expected: [
        { event: 'message', data: '{"a":1}' },
        { event: 'message', data: '{"a":2}' },
      ],
    },
    {
      name: 'lines split across chunks',
      chunks: ['da', 'ta: hel', 'lo\n', '\n'],
      expected: [{ event: 'message', data: 'hello' }],
    },
    {
      name: 'CRLF and CR line endings, including a CRLF split between chunks',
      chunks: ['data: one\r', '\n\r\ndata: two\r\r'],
      expected: [
        { event: 'message', data: 'one' },
        { event: 'message', data: 'two' },
      ],
    },
    {
      name: 'several data lines joined with newlines',
      chunks: ['data: first\ndata: second\n\n'],
      expected: [{ event: 'message', data: 'first\nsecond' }],
    },
    {
      name: 'a named event',
      chunks: ['event: kaito.metrics\ndata: {}\n\n'],
      expected: [{ event: 'kaito.metrics', data: '{}' }],
    },
    {
      name: 'comments (pings) and messages without data skipped',
      chunks: [': ping\n\nevent: empty\n\nid: 3\ndata:x\n\n'],
      expected: [{ event: 'message', data: 'x' }],
    },
    {
      name: 'a message cut off before its blank line dropped',
      chunks: ['data: complete\n\ndata: incomplete\n'],
      expected: [{ event: 'message', data: 'complete' }],
    },
  ])('yields $name', async ({ chunks, expected }) => {
    await expect(parse(chunks)).resolves.toEqual(expected);
  });

  it('decodes a UTF-8 character whose bytes arrive in two chunks', async () => {
    const bytes = new TextEncoder().encode('data: café\n\n');
    const split = bytes.indexOf(0xc3) + 1;
    async function* body() {
      yield bytes.slice(0, split);
      yield bytes.slice(split);
    }
    const messages: ServerSentEvent[] = [];
    for await (const message of readServerSentEvents(body())) {
      messages.push(message);
    }
    expect(messages).toEqual([{ event: 'message', data: 'café' }]);
  });
});
