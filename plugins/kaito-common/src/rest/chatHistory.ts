/** One kept chat message, as `GET .../chat/history` returns it, oldest first. @public */
export interface ChatHistoryMessage {
  id: number;
  /** When the portal kept it (ISO 8601). */
  at: string;
  role: 'user' | 'assistant';
  content: string;
}

/** `GET /workspaces/:cluster/:namespace/:name/chat/history`. @public */
export interface ChatHistoryResponse {
  items: ChatHistoryMessage[];
}

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
