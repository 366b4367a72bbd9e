/**
 * Collects the assistant's text from an OpenAI chat-completion SSE stream as
 * it passes through, for the chat history. Lines may be split across chunks;
 * anything past `maxChars` is not kept (the history cuts there anyway).
 *
 * @internal
 */
export class ReplyText {
  private text = '';
  private partial = '';

  constructor(private readonly maxChars: number) {}

  /** Reads the `data:` lines of a chunk of the stream. */
  feed(chunk: Buffer | string): void {
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.readLine(line.trimEnd());
  }

  /** The reply so far. */
  get value(): string {
    return this.text;
  }

  /** Sets the whole reply at once (a reply that was not streamed). */
  set(content: string): void {
    this.text = content.slice(0, this.maxChars + 1);
  }

  private readLine(line: string): void {
    if (!line.startsWith('data:') || this.text.length > this.maxChars) return;
    const data = line.slice(5).trim();
    if (!data.startsWith('{')) return; // [DONE]
    try {
      const content = JSON.parse(data)?.choices?.[0]?.delta?.content;
      if (typeof content === 'string') this.text = (this.text + content).slice(0, this.maxChars + 1);
    } catch {
      // a line that is not JSON carries no reply text
    }
  }
}
