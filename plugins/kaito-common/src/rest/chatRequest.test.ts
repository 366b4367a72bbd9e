import { parseChatCompletionRequest } from './chatRequest';

const messages = [{ role: 'user', content: 'hi' }];
const parse = (body: unknown, maxTokens = 512) => parseChatCompletionRequest(body, { maxTokens });

describe('parseChatCompletionRequest', () => {
  it('sets max_tokens to the limit when the caller sends none', () => {
    expect(parse({ messages })).toEqual({ ok: true, request: { messages, max_tokens: 512 } });
  });

  it.each([
    [{ max_tokens: 99_999 }, { max_tokens: 512 }],
    [{ max_tokens: 100 }, { max_tokens: 100 }],
    [{ max_completion_tokens: 99_999 }, { max_tokens: 512, max_completion_tokens: 512 }],
    [{ max_completion_tokens: 64 }, { max_tokens: 64, max_completion_tokens: 64 }],
    [{ max_tokens: 10_000, max_completion_tokens: 300 }, { max_tokens: 300, max_completion_tokens: 300 }],
  ])('clamps %o to %o', (limits, expected) => {
    const result = parse({ messages, ...limits });
    expect(result.ok && { max_tokens: result.request.max_tokens, max_completion_tokens: result.request.max_completion_tokens }).toEqual({
      max_completion_tokens: undefined,
      ...expected,
    });
  });

  it('keeps the supported sampling fields as sent', () => {
    const body = {
      model: 'phi-4',
      messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      top_p: 0.9,
      stop: ['\n\n'],
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      seed: 42,
      n: 1,
    };
    expect(parse(body)).toEqual({ ok: true, request: { ...body, max_tokens: 512 } });
  });

  it.each([
    [{ max_tokens: 'x' }, 'max_tokens', 'expected number'],
    [{ max_tokens: 1.5 }, 'max_tokens', 'must be a whole number of tokens'],
    [{ max_tokens: -1 }, 'max_tokens', 'must be at least 1'],
    [{ max_completion_tokens: '100' }, 'max_completion_tokens', 'expected number'],
    [{ max_completion_tokens: 0 }, 'max_completion_tokens', 'must be at least 1'],
    [{ n: 4 }, 'n', 'only n = 1 is supported'],
    [{ best_of: 8 }, '(body)', 'best_of is not supported; the supported fields are: model, messages, stream'],
    [{ ignore_eos: true }, '(body)', 'ignore_eos is not supported'],
    [{ logit_bias: { 50256: 100 } }, '(body)', 'logit_bias is not supported'],
    [{ best_of: 2, min_tokens: 4000 }, '(body)', 'best_of, min_tokens are not supported'],
    [{ temperature: 50 }, 'temperature', ''],
    [{ stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop', ''],
    [{ messages: [] }, 'messages', 'needs at least one message'],
    [{ messages: [{ role: 'user' }] }, 'messages[0].content', ''],
    [{ messages: [{ role: 'root', content: 'x' }] }, 'messages[0].role', ''],
    [{ messages: [{ role: 'user', content: 'x', tool_calls: [] }] }, 'messages[0]', 'tool_calls is not supported; the supported fields are: role, content, name'],
    [{ messages: [{ role: 'user', content: 'x'.repeat(1_048_577) }] }, 'messages[0].content', ''],
    [{ messages: Array(1001).fill({ role: 'user', content: 'x' }) }, 'messages', ''],
  ])('refuses %o at %s', (fields, path, message) => {
    const result = parse({ messages, ...fields });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
  });

  it.each([null, 'hello', [messages]])('refuses a body that is not an object: %p', body => {
    expect(parse(body)).toMatchObject({ ok: false, issues: [{ path: '(body)' }] });
  });
});
