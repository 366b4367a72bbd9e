import { ReplyText } from './replyText';

const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

describe('ReplyText', () => {
  it('joins the deltas of a stream, across chunk boundaries, ignoring [DONE] and other events', () => {
    const reply = new ReplyText(1000);
    const stream = `${chunk('Hel')}${chunk('lo')}event: kaito.metrics\ndata: {"completionTokens":2}\n\n${chunk(' there')}data: [DONE]\n\n`;
    for (let at = 0; at < stream.length; at += 7) reply.feed(Buffer.from(stream.slice(at, at + 7)));
    expect(reply.value).toBe('Hello there');
  });

  it('stops keeping text past maxChars', () => {
    const reply = new ReplyText(5);
    reply.feed(chunk('abcdefgh') + chunk('ijk'));
    expect(reply.value).toBe('abcdef');
  });

  it('keeps a character whose bytes are split across two chunks whole', () => {
    const reply = new ReplyText(1000);
    const bytes = Buffer.from(chunk('café ☕'));
    const cut = bytes.indexOf(Buffer.from('☕')) + 1;
    reply.feed(bytes.subarray(0, cut));
    reply.feed(bytes.subarray(cut));
    expect(reply.value).toBe('café ☕');
  });

  it('reads a long stream in batches and gives the whole reply, read again as it grows', () => {
    const reply = new ReplyText(1_000_000);
    const words = Array.from({ length: 3000 }, (_, i) => `w${i} `);
    // About 170 KiB of SSE: read in batches of 64 KiB while it streams.
    for (const word of words.slice(0, 1500)) reply.feed(Buffer.from(chunk(word)));
    expect(reply.value).toBe(words.slice(0, 1500).join(''));
    for (const word of words.slice(1500)) reply.feed(Buffer.from(chunk(word)));
    reply.feed(Buffer.from('data: [DONE]\n\n'));
    expect(reply.value).toBe(words.join(''));
  });

  it('stops holding chunks once the text is past maxChars', () => {
    const reply = new ReplyText(10);
    for (let i = 0; i < 2000; i++) reply.feed(Buffer.from(chunk('0123456789')));
    expect(reply.value).toBe('01234567890');
  });

  it('keeps a character whole when the 64 KiB batch boundary falls inside it', () => {
    const reply = new ReplyText(1_000_000);
    const stream = Buffer.from(Array.from({ length: 3000 }, (_, i) => chunk(`é${i}☕`)).join(''));
    // The first piece is just over 64 KiB (read at once) and ends one byte into a ☕.
    const cut = stream.indexOf(Buffer.from('☕'), 64 * 1024) + 1;
    reply.feed(stream.subarray(0, cut));
    reply.feed(stream.subarray(cut));
    expect(reply.value).toBe(Array.from({ length: 3000 }, (_, i) => `é${i}☕`).join(''));
    expect(reply.value).not.toContain('\uFFFD');
  });
});
