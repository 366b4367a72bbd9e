import type { ChatMetrics, components } from '@kaito-backstage/plugin-kaito-common';

/** A message of an OpenAI chat-completions conversation, as the spec's ChatRequest takes it. @public */
export type ChatMessage = components['schemas']['ChatRequest']['messages'][number];

/**
 * The body of `POST .../chat`: the spec's ChatRequest (an OpenAI chat-completions
 * request) without `stream` and `stream_options`, which the client sets, since it
 * always reads the reply as a stream. `model` is the preset or an adapter name;
 * omitted, the base model answers.
 *
 * @public
 */
export type ChatCompletionRequest = Omit<components['schemas']['ChatRequest'], 'stream' | 'stream_options'>;

/** A piece of a streamed chat reply. @public */
export type ChatStreamChunk =
  | { type: 'token'; content: string }
  | { type: 'metrics'; metrics: ChatMetrics };
