import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import type { WorkspaceStreamEvent } from '@kaito-backstage/plugin-kaito-common';
import { API, testKaitoClient } from '../__testUtils__/apis';
import { readyWorkspace, summaryOf } from '../__testUtils__/fixtures';
import {
  chatReply,
  controllableEventStream,
  errorResponse,
  eventStreamResponse,
} from '../__testUtils__/sse';
import type { ChatStreamChunk } from './chatTypes';

const server = setupServer();
registerMswTestHooks(server);

const ref = { cluster: 'local', namespace: 'default', name: 'phi-3' };

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

describe('KaitoClient', () => {
  describe('when listing workspaces', () => {
    it('sends only the filters that are set', async () => {
      let url: URL | undefined;
      server.use(
        http.get(`${API}/workspaces`, ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json({
            items: [summaryOf(readyWorkspace())],
            errors: [],
          });
        }),
      );
      const list = await testKaitoClient().listWorkspaces({
        cluster: 'local',
        owner: '',
        entity: 'component:default/support-assistant',
      });
      expect(list.items).toHaveLength(1);
      expect(Object.fromEntries(url!.searchParams)).toEqual({
        cluster: 'local',
        entity: 'component:default/support-assistant',
      });
    });

    it('follows a page of the list, states comma-separated', async () => {
      let url: URL | undefined;
      server.use(
        http.get(`${API}/workspaces/stream`, ({ request }) => {
          url = new URL(request.url);
          return eventStreamResponse([
            { data: { type: 'list', items: [], errors: [], total: 0 } },
          ]);
        }),
      );
      const events = await collect(
        testKaitoClient().watchWorkspaces(
          {
            state: ['Ready', 'Pending'],
            sort: 'createdAt',
            order: 'desc',
            offset: 50,
            limit: 25,
          },
          { signal: new AbortController().signal },
        ),
      );
      expect(events).toEqual([
        { type: 'list', items: [], errors: [], total: 0 },
      ]);
      expect(Object.fromEntries(url!.searchParams)).toEqual({
        state: 'Ready,Pending',
        sort: 'createdAt',
        order: 'desc',
        offset: '50',
        limit: '25',
      });
    });
  });

  describe('chat history', () => {
    it('reads and clears the history of the workspace', async () => {
      const calls: string[] = [];
      const HISTORY = `${API}/workspaces/local/default/phi-3/chat/history`;
      server.use(
        http.get(HISTORY, () => {
          calls.push('GET');
          return HttpResponse.json({
            items: [
              {
                id: 1,
                at: '2026-12-01T10:00:00.000Z',
                role: 'user',
                content: 'hi',
              },
            ],
          });
        }),
        http.delete(HISTORY, () => {
          calls.push('DELETE');
          return new HttpResponse(null, { status: 204 });
        }),
      );
      const client = testKaitoClient();
      expect(await client.getChatHistory(ref)).toEqual([
        { id: 1, at: '2026-12-01T10:00:00.000Z', role: 'user', content: 'hi' },
      ]);
      await client.clearChatHistory(ref);
      expect(calls).toEqual(['GET', 'DELETE']);
    });
  });

  describe('when the backend answers with an error', () => {
    it.each([
      [
        403,
        'NotAllowedError',
        'Over quota: group:default/ml-team may use 4 GPUs',
      ],
      [404, 'NotFoundError', 'Workspace local/default/phi-3 not found'],
    ])(
      'throws a ResponseError carrying the %s body',
      async (status, name, message) => {
        server.use(
          http.get(`${API}/workspaces/local/default/phi-3`, () =>
            errorResponse(status, name, message),
          ),
        );
        const error = await testKaitoClient()
          .getWorkspace(ref)
          .catch(e => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error.statusCode).toBe(status);
        expect(error.body.error).toEqual({ name, message });
      },
    );
  });

  it('encodes each part of the workspace path', async () => {
    let path = '';
    server.use(
      http.delete(
        `${API}/workspaces/:cluster/:namespace/:name`,
        ({ request }) => {
          path = new URL(request.url).pathname;
          return new HttpResponse(null, { status: 204 });
        },
      ),
    );
    await testKaitoClient().deleteWorkspace({
      cluster: 'a b',
      namespace: 'default',
      name: 'x',
    });
    expect(path).toBe('/api/kaito/workspaces/a%20b/default/x');
  });

  it('posts the fit request and returns the answer', async () => {
    server.use(
      http.post(`${API}/fit`, async ({ request }) =>
        HttpResponse.json({
          fits: true,
          reasons: [],
          nodeCount: 1,
          gpuCount: 1,
          costPerHour: 3.2,
          recommendations: [],
          echo: await request.json(),
        }),
      ),
    );
    const fit = await testKaitoClient().checkFit({
      cluster: 'local',
      preset: 'phi-3-mini-4k-instruct',
    });
    expect(fit).toMatchObject({
      fits: true,
      echo: { cluster: 'local', preset: 'phi-3-mini-4k-instruct' },
    });
  });

  describe('when watching a workspace', () => {
    it('yields each snapshot and the deletion', async () => {
      const first = readyWorkspace({ state: 'Pending' });
      const second = readyWorkspace();
      server.use(
        http.get(`${API}/workspaces/local/default/phi-3/stream`, () =>
          eventStreamResponse([
            { data: { type: 'snapshot', workspace: first } },
            { data: { type: 'snapshot', workspace: second } },
            { data: { type: 'deleted', key: 'local/default/phi-3' } },
          ]),
        ),
      );
      const events = await collect(
        testKaitoClient().watchWorkspace(ref, {
          signal: new AbortController().signal,
        }),
      );
      expect(
        events.map(e => (e.type === 'snapshot' ? e.workspace.state : e.type)),
      ).toEqual(['Pending', 'Ready', 'deleted']);
    });

    it('ends quietly and closes the stream when aborted', async () => {
      const stream = controllableEventStream();
      server.use(
        http.get(`${API}/workspaces/local/default/phi-3/stream`, () =>
          stream.response(),
        ),
      );
      const abort = new AbortController();
      const seen: WorkspaceStreamEvent[] = [];
      const watching = (async () => {
        for await (const event of testKaitoClient().watchWorkspace(ref, {
          signal: abort.signal,
        })) {
          seen.push(event);
          abort.abort();
        }
      })();
      stream.send({ type: 'snapshot', workspace: readyWorkspace() });
      await expect(watching).resolves.toBeUndefined();
      expect(seen).toHaveLength(1);
    });

    it('throws the HTTP error when the stream cannot open', async () => {
      server.use(
        http.get(`${API}/workspaces/local/default/phi-3/stream`, () =>
          errorResponse(
            403,
            'NotAllowedError',
            'not allowed to read local/default/phi-3',
          ),
        ),
      );
      await expect(
        collect(
          testKaitoClient().watchWorkspace(ref, {
            signal: new AbortController().signal,
          }),
        ),
      ).rejects.toMatchObject({ statusCode: 403 });
    });
  });

  describe('when streaming a chat reply', () => {
    it('asks for a stream and yields tokens, then the metrics', async () => {
      let body: unknown;
      server.use(
        http.post(
          `${API}/workspaces/local/default/phi-3/chat`,
          async ({ request }) => {
            body = await request.json();
            return chatReply(['Hel', 'lo', '!']);
          },
        ),
      );
      const chunks = await collect(
        testKaitoClient().streamChat(
          ref,
          {
            model: 'phi-3-mini-4k-instruct',
            messages: [{ role: 'user', content: 'Hi' }],
            temperature: 0.2,
          },
          { signal: new AbortController().signal },
        ),
      );
      expect(body).toEqual({
        model: 'phi-3-mini-4k-instruct',
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.2,
        stream: true,
      });
      expect(chunks).toEqual<ChatStreamChunk[]>([
        { type: 'token', content: 'Hel' },
        { type: 'token', content: 'lo' },
        { type: 'token', content: '!' },
        {
          type: 'metrics',
          metrics: {
            timeToFirstTokenMs: 42,
            tokensPerSecond: 85.5,
            completionTokens: 3,
          },
        },
      ]);
    });

    it('throws the error the model server streams', async () => {
      server.use(
        http.post(`${API}/workspaces/local/default/phi-3/chat`, () =>
          eventStreamResponse([
            { data: { error: { message: 'context length exceeded' } } },
          ]),
        ),
      );
      await expect(
        collect(
          testKaitoClient().streamChat(
            ref,
            { messages: [] },
            { signal: new AbortController().signal },
          ),
        ),
      ).rejects.toThrow('context length exceeded');
    });

    it('throws the reason the portal gives when it cuts a reply off', async () => {
      server.use(
        http.post(`${API}/workspaces/local/default/phi-3/chat`, () =>
          eventStreamResponse([
            { data: { choices: [{ delta: { content: 'Once' } }] } },
            {
              event: 'kaito.error',
              data: {
                message:
                  'The model server went silent for 30 s mid-reply (kaito.chat.upstreamIdleTimeoutMs)',
              },
            },
          ]),
        ),
      );
      await expect(
        collect(
          testKaitoClient().streamChat(
            ref,
            { messages: [] },
            { signal: new AbortController().signal },
          ),
        ),
      ).rejects.toThrow(
        'The model server went silent for 30 s mid-reply (kaito.chat.upstreamIdleTimeoutMs)',
      );
    });

    it('stops without an error when aborted mid-reply', async () => {
      const stream = controllableEventStream();
      server.use(
        http.post(`${API}/workspaces/local/default/phi-3/chat`, () =>
          stream.response(),
        ),
      );
      const abort = new AbortController();
      const tokens: string[] = [];
      const reading = (async () => {
        for await (const chunk of testKaitoClient().streamChat(
          ref,
          { messages: [] },
          { signal: abort.signal },
        )) {
          if (chunk.type === 'token') {
            tokens.push(chunk.content);
            abort.abort();
          }
        }
      })();
      stream.send({ choices: [{ delta: { content: 'first' } }] });
      await expect(reading).resolves.toBeUndefined();
      expect(tokens).toEqual(['first']);
    });
  });
});
