import {
  estimateTokens,
  findPreset,
} from '@kaito-backstage/plugin-kaito-common';

/** Share of the context window from which the panel warns. @internal */
export const CONTEXT_WARNING_SHARE = 0.8;

/** How much of the model's context window the next request would take. @internal */
export interface ContextUse {
  /** The prompt (system prompt, conversation, draft), estimated at ~4 characters a token. */
  promptTokens: number;
  /** The prompt plus the reply's max tokens. */
  totalTokens: number;
  contextLength: number;
  level: 'ok' | 'near' | 'over';
}

/** The preset's token limit (its max context length), when the catalog knows the preset. @internal */
export function presetContextLength(
  preset: string | undefined,
): number | undefined {
  return preset ? findPreset(preset)?.contextLength : undefined;
}

/**
 * Estimates the next request against the context window: the model server
 * refuses (or cuts) a prompt that, with the reply's max tokens, does not fit.
 * Characters / 4 is a rough token count (see kaito-common `estimateTokens`).
 *
 * @internal
 */
export function contextUse(input: {
  texts: string[];
  maxTokens: number;
  contextLength: number;
}): ContextUse {
  const promptTokens = input.texts.reduce(
    (sum, text) => sum + estimateTokens(text),
    0,
  );
  const totalTokens = promptTokens + input.maxTokens;
  let level: ContextUse['level'] = 'ok';
  if (totalTokens > input.contextLength) {
    level = 'over';
  } else if (totalTokens >= CONTEXT_WARNING_SHARE * input.contextLength) {
    level = 'near';
  }
  return {
    promptTokens,
    totalTokens,
    contextLength: input.contextLength,
    level,
  };
}

/** What the panel says about a context window nearly or over full. @internal */
export function contextWarning(use: ContextUse): string | undefined {
  if (use.level === 'ok') return undefined;
  const about = `This request is about ${use.promptTokens.toLocaleString(
    'en-US',
  )} tokens (estimated at 4 characters a token) plus up to ${
    use.totalTokens - use.promptTokens
  } reply tokens`;
  const window = `the model's context window of ${use.contextLength.toLocaleString(
    'en-US',
  )} tokens`;
  return use.level === 'over'
    ? `${about}: more than ${window}. The model server may refuse it or cut it; shorten the message, lower max tokens or clear the chat.`
    : `${about}: near ${window}. Longer conversations may be refused.`;
}
