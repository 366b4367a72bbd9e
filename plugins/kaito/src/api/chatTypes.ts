import type { ChatMetrics } from '@kaito-backstage/plugin-kaito-common';

/** A message of an OpenAI chat-completions conversation. @public */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * The body of `POST .../chat`: an OpenAI chat-completions request. `model` is
 * the preset or an adapter name; omitted, the base model answers.
 *
 * @public
 */
export interface ChatCompletionRequest {
  model?: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
}

/** A piece of a streamed chat reply. @public */
export type ChatStreamChunk =
  | { type: 'token'; content: string }
  | { type: 'metrics'; metrics: ChatMetrics };
