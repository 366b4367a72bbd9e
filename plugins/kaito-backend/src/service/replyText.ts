import { StringDecoder } from 'node:string_decoder';

/** How many bytes of the stream are held before they are read; bounds a long reply's memory. */
const PENDING_BYTES = 64 * 1024;
/** The longest unfinished line kept between batches; a longer one is not an SSE line worth reading. */
const MAX_PARTIAL = 64 * 1024;

/**
 * Collects the assistant's text from an OpenAI chat-completion SSE stream as
 * it passes through, for the chat history. The chunks are kept as they come
 * and read in batches (at 64 KiB, and when the text is asked for), so the
 * relay does not decode and parse every token while other chats wait for
 * their first one. Lines may be split across chunks; anything past
 * `maxChars` is not kept (the history cuts there anyway).
 *
 * @internal
 */
export class ReplyText {
  private text = '';
  private partial = '';
  private pending: Array<Buffer | string> = [];
  private pendingBytes = 0;
  /** One decoder for the whole stream, so a character split across two batches stays whole. */
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly maxChars: number) {}

  /** Takes a chunk of the stream; it is read with the next batch. */
  feed(chunk: Buffer | string): void {
    if (this.full) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= PENDING_BYTES) this.readPending();
  }

  /** The reply so far. */
  get value(): string {
    this.readPending();
    return this.text;
  }

  /** Sets the whole reply at once (a reply that was not streamed). */
  set(content: string): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.text = content.slice(0, this.maxChars + 1);
  }

  private get full(): boolean {
    return this.text.length > this.maxChars;
  }

  /** Reads the `data:` lines of the chunks held so far. */
  private readPending(): void {
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const joined = this.decoder.write(Buffer.concat(chunks.map(chunk => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))));
    const lines = (this.partial + joined).split('\n');
    this.partial = lines.pop() ?? '';
    if (this.partial.length > MAX_PARTIAL) this.partial = '';
    for (const line of lines) {
      if (this.full) break;
      this.readLine(line.trimEnd());
    }
  }

  private readLine(line: string): void {
    if (!line.startsWith('data:')) return;
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
