/** A chat message as OpenAI-compatible APIs take it. @internal */
export interface ChatMessage {
  role: string;
  content: unknown;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(part => (typeof part?.text === 'string' ? part.text : '')).join(' ');
  return '';
}

/** Whitespace-separated words, the simulator's notion of a token. @internal */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Prompt tokens of a conversation. @internal */
export function promptTokens(messages: ChatMessage[]): number {
  return messages.reduce((n, m) => n + countTokens(textOf(m.content)) + 4, 0);
}

/**
 * The deterministic reply of a simulated model: it says it is simulated and echoes the question,
 * so tests can assert on it and users are never misled. Returns tokens (words with their spacing).
 * @internal
 */
export function simulatedReply(model: string, messages: ChatMessage[], maxTokens?: number): { tokens: string[]; truncated: boolean } {
  const lastUser = [...messages].reverse().find(m => m.role === 'user');
  const question = textOf(lastUser?.content).replace(/\s+/g, ' ').trim();
  const quoted = question.length > 200 ? `${question.slice(0, 200)}…` : question;
  const text = `This is a simulated response from ${model}, served by the Kaito Backstage cluster simulator; no model was run. You asked: "${quoted}".`;
  const words = text.split(' ');
  const tokens = words.map((w, i) => (i === 0 ? w : ` ${w}`));
  if (maxTokens !== undefined && maxTokens >= 0 && tokens.length > maxTokens) return { tokens: tokens.slice(0, maxTokens), truncated: true };
  return { tokens, truncated: false };
}
