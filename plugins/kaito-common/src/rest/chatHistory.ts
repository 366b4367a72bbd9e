import type { components } from './generated/openapi';

/** One kept chat message, as `GET .../chat/history` returns it, oldest first. @public */
export type ChatHistoryMessage = components['schemas']['ChatHistoryMessage'];

/** `GET /workspaces/:cluster/:namespace/:name/chat/history`. @public */
export type ChatHistoryResponse = components['schemas']['ChatHistoryResponse'];

/**
 * A rough token count for a prompt: about four characters per token, the
 * rule of thumb for English text with the BPE tokenizers of Llama, Phi,
 * Mistral and Qwen. It warns before the context window is reached; the model
 * server's own tokenizer has the last word.
 *
 * @public
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
