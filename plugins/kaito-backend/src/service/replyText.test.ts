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
});
