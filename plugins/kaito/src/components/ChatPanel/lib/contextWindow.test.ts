import {
  contextUse,
  contextWarning,
  presetContextLength,
} from './contextWindow';

describe('contextUse', () => {
  it('counts about 4 characters a token plus the reply, and warns from 80 % of the window', () => {
    expect(
      contextUse({
        texts: ['a'.repeat(400)],
        maxTokens: 100,
        contextLength: 1000,
      }),
    ).toEqual({
      promptTokens: 100,
      totalTokens: 200,
      contextLength: 1000,
      level: 'ok',
    });
    expect(
      contextUse({
        texts: ['a'.repeat(2800), 'b'.repeat(400)],
        maxTokens: 0,
        contextLength: 1000,
      }).level,
    ).toBe('near');
    expect(
      contextUse({
        texts: ['a'.repeat(20_000)],
        maxTokens: 512,
        contextLength: 4096,
      }).level,
    ).toBe('over');
  });

  it('says what to do when the window is over full', () => {
    const warning = contextWarning(
      contextUse({
        texts: ['a'.repeat(20_000)],
        maxTokens: 512,
        contextLength: 4096,
      }),
    );
    expect(warning).toBe(
      "This request is about 5,000 tokens (estimated at 4 characters a token) plus up to 512 reply tokens: more than the model's context window of 4,096 tokens. The model server may refuse it or cut it; shorten the message, lower max tokens or clear the chat.",
    );
  });

  it('knows the context length of catalog presets only', () => {
    expect(presetContextLength('phi-3-mini-4k-instruct')).toBe(4096);
    expect(presetContextLength('my-own-model')).toBeUndefined();
    expect(presetContextLength(undefined)).toBeUndefined();
  });
});
