import { readServerSentEvents } from '@kaito-backstage/plugin-kaito-common';
import type { KaitoStreamEvents } from './generated/KaitoApiClient';

/** The end marker of a streamed chat reply, OpenAI's `data: [DONE]`. @public */
export const STREAM_DONE = '[DONE]';

/** One event of a Kaito stream, its payload typed by the spec's `x-kaito-events`. @public */
export type KaitoStreamEvent<Id extends keyof KaitoStreamEvents> = {
  [Name in keyof KaitoStreamEvents[Id]]: { event: Name; data: KaitoStreamEvents[Id][Name] };
}[keyof KaitoStreamEvents[Id]];

/**
 * Reads the server-sent events of a streaming operation's response
 * (`watchWorkspaces`, `watchWorkspace`, `chatWithWorkspace` with `stream: true`)
 * and parses each payload; ends at the stream's end, at `[DONE]`, or when
 * `signal` aborts. Events the spec does not name are skipped.
 *
 * @public
 */
export async function* readKaitoEvents<Id extends keyof KaitoStreamEvents>(
  _operation: Id,
  response: Response,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<KaitoStreamEvent<Id>> {
  if (!response.body) throw new Error(`The server sent no body for ${response.url || 'the stream'}`);
  for await (const message of readServerSentEvents(response.body, options)) {
    if (message.data === STREAM_DONE) return;
    yield { event: message.event, data: JSON.parse(message.data) } as KaitoStreamEvent<Id>;
  }
}
