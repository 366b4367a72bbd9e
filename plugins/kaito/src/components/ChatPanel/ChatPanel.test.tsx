import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import type { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import { API } from '../../__testUtils__/apis';
import {
  quotaStuckWorkspace,
  readyWorkspace,
} from '../../__testUtils__/fixtures';
import { renderWithKaito } from '../../__testUtils__/render';
import {
  chatReply,
  controllableEventStream,
  errorResponse,
} from '../../__testUtils__/sse';
import { ChatPanel } from './ChatPanel';

const CHAT = `${API}/workspaces/local/default/:name/chat`;
const HISTORY = `${CHAT}/history`;

// No kept history unless a test says otherwise.
const server = setupServer(
  http.get(HISTORY, () => HttpResponse.json({ items: [] })),
  http.delete(HISTORY, () => new HttpResponse(null, { status: 204 })),
);
registerMswTestHooks(server);

function withAdapter(): WorkspaceDetails {
  const workspace = readyWorkspace();
  return {
    ...workspace,
    workspace: {
      ...workspace.workspace,
      inference: {
        preset: { name: 'phi-3-mini-4k-instruct' },
        adapters: [
          {
            source: {
              name: 'support-tone',
              image: 'registry.example.com/adapters/support:v1',
            },
          },
        ],
      },
    },
  };
}

/** The panel stays disabled until the chat permission is known. */
async function renderReady(workspace: WorkspaceDetails) {
  await renderWithKaito(<ChatPanel workspace={workspace} />);
  await waitFor(() =>
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeEnabled(),
  );
}

async function sendMessage(text: string) {
  await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), text);
  await userEvent.click(screen.getByRole('button', { name: /Send/ }));
}

describe('ChatPanel', () => {
  describe('when the model is ready', () => {
    it('streams the reply as markdown with its time to first token and tokens/s', async () => {
      const bodies: unknown[] = [];
      server.use(
        http.post(CHAT, async ({ request }) => {
          bodies.push(await request.json());
          return chatReply(['**Simulated** ', 'reply ', 'from phi-3'], {
            timeToFirstTokenMs: 42,
            tokensPerSecond: 85.5,
            completionTokens: 3,
          });
        }),
      );
      await renderWithKaito(<ChatPanel workspace={readyWorkspace()} />);
      await sendMessage('Hello');

      const reply = await screen.findByTestId('chat-reply');
      await waitFor(() =>
        expect(reply).toHaveTextContent('Simulated reply from phi-3'),
      );
      expect(within(reply).getByText('Simulated').tagName).toBe('STRONG');
      expect(await screen.findByTestId('chat-metrics')).toHaveTextContent(
        'phi-3-mini-4k-instruct · time to first token 42 ms · 85.5 tokens/s · 3 tokens',
      );
      expect(
        screen.getByRole('button', { name: 'Copy reply' }),
      ).toBeInTheDocument();
      expect(bodies).toEqual([
        {
          model: 'phi-3-mini-4k-instruct',
          messages: [{ role: 'user', content: 'Hello' }],
          temperature: 0.7,
          max_tokens: 512,
          stream: true,
        },
      ]);
    });

    it('sends the system prompt, the settings and the conversation so far', async () => {
      const bodies: Array<{
        messages: unknown[];
        temperature: number;
        max_tokens: number;
      }> = [];
      server.use(
        http.post(CHAT, async ({ request }) => {
          bodies.push((await request.json()) as (typeof bodies)[number]);
          return chatReply(['Answer ', String(bodies.length)]);
        }),
      );
      await renderReady(readyWorkspace());
      await userEvent.type(
        screen.getByRole('textbox', { name: 'System prompt' }),
        'Be brief.',
      );
      const temperature = screen.getByRole('spinbutton', {
        name: 'Temperature',
      });
      await userEvent.clear(temperature);
      await userEvent.type(temperature, '0.2');
      const maxTokens = screen.getByRole('spinbutton', { name: 'Max tokens' });
      await userEvent.clear(maxTokens);
      await userEvent.type(maxTokens, '64');

      await sendMessage('First');
      await screen.findByText('Answer 1');
      await sendMessage('Second');
      await screen.findByText('Answer 2');

      expect(bodies[1]).toMatchObject({
        temperature: 0.2,
        max_tokens: 64,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'First' },
          { role: 'assistant', content: 'Answer 1' },
          { role: 'user', content: 'Second' },
        ],
      });
    });

    it('sends the name the model server serves, not the preset name', async () => {
      const models: string[] = [];
      server.use(
        http.post(CHAT, async ({ request }) => {
          models.push(((await request.json()) as { model: string }).model);
          return chatReply(['ok']);
        }),
      );
      const workspace = readyWorkspace();
      await renderReady({
        ...workspace,
        preset: 'mistral-7b-instruct',
        endpoint: {
          ...workspace.endpoint!,
          models: ['mistral-7b-instruct-v0.3'],
        },
      });
      expect(
        screen.getByRole('button', { name: /Model or adapter/ }),
      ).toHaveTextContent('mistral-7b-instruct-v0.3 (base model)');
      await sendMessage('Hi');
      await screen.findByText('ok');
      expect(models).toEqual(['mistral-7b-instruct-v0.3']);
    });

    it('offers the adapters and sends the chosen one as the model', async () => {
      const models: string[] = [];
      server.use(
        http.post(CHAT, async ({ request }) => {
          models.push(((await request.json()) as { model: string }).model);
          return chatReply(['ok']);
        }),
      );
      await renderReady(withAdapter());
      await userEvent.click(
        screen.getByRole('button', { name: /Model or adapter/ }),
      );
      await userEvent.click(
        await screen.findByRole('option', { name: 'support-tone (adapter)' }),
      );
      await sendMessage('Hi');
      await screen.findByText('ok');
      expect(models).toEqual(['support-tone']);
    });

    it('stops a reply on request and keeps what arrived', async () => {
      const stream = controllableEventStream();
      server.use(http.post(CHAT, () => stream.response()));
      await renderWithKaito(<ChatPanel workspace={readyWorkspace()} />);
      await sendMessage('Tell me a long story');
      stream.send({ choices: [{ delta: { content: 'Once upon a time' } }] });
      expect(await screen.findByText('Once upon a time')).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
      expect(await screen.findByText('stopped')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: /Send/ })).toBeInTheDocument();
      expect(screen.getByTestId('chat-metrics')).toHaveTextContent('1 tokens');
    });

    it('shows the backend error in the reply', async () => {
      server.use(
        http.post(CHAT, () =>
          errorResponse(
            503,
            'ServiceUnavailableError',
            'The model server of local/default/phi-3 is not answering',
          ),
        ),
      );
      await renderWithKaito(<ChatPanel workspace={readyWorkspace()} />);
      await sendMessage('Hello');
      expect(
        await screen.findByText(
          'The model server of local/default/phi-3 is not answering',
        ),
      ).toBeInTheDocument();
    });
  });

  describe('history', () => {
    it('shows the conversation the backend kept, and Clear deletes it there too', async () => {
      const deleted: string[] = [];
      server.use(
        http.get(HISTORY, ({ params }) =>
          HttpResponse.json({
            items: [
              {
                id: 1,
                at: '2026-12-01T10:00:00.000Z',
                role: 'user',
                content: `Hi ${params.name}`,
              },
              {
                id: 2,
                at: '2026-12-01T10:00:01.000Z',
                role: 'assistant',
                content: 'Hello **again**',
              },
            ],
          }),
        ),
        http.delete(HISTORY, ({ params }) => {
          deleted.push(String(params.name));
          return new HttpResponse(null, { status: 204 });
        }),
      );
      await renderReady(readyWorkspace());
      const name = readyWorkspace().ref.name;
      expect(await screen.findByTestId('chat-user-message')).toHaveTextContent(
        `Hi ${name}`,
      );
      expect(screen.getByTestId('chat-reply')).toHaveTextContent('Hello again');

      await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
      await waitFor(() => expect(deleted).toEqual([name]));
      expect(screen.queryByTestId('chat-reply')).not.toBeInTheDocument();
    });

    it('sends the kept conversation back to the model with the next message', async () => {
      const bodies: Array<{ messages: unknown[] }> = [];
      server.use(
        http.get(HISTORY, () =>
          HttpResponse.json({
            items: [
              {
                id: 1,
                at: '2026-12-01T10:00:00.000Z',
                role: 'user',
                content: 'Earlier question',
              },
              {
                id: 2,
                at: '2026-12-01T10:00:01.000Z',
                role: 'assistant',
                content: 'Earlier answer',
              },
            ],
          }),
        ),
        http.post(CHAT, async ({ request }) => {
          bodies.push((await request.json()) as (typeof bodies)[number]);
          return chatReply(['ok']);
        }),
      );
      await renderReady(readyWorkspace());
      await screen.findByText('Earlier answer');
      await sendMessage('Next');
      await screen.findByText('ok');
      expect(bodies[0].messages).toEqual([
        { role: 'user', content: 'Earlier question' },
        { role: 'assistant', content: 'Earlier answer' },
        { role: 'user', content: 'Next' },
      ]);
    });

    it('says so when the kept conversation cannot be read', async () => {
      server.use(
        http.get(HISTORY, () =>
          errorResponse(503, 'ServiceUnavailableError', 'database down'),
        ),
      );
      await renderReady(readyWorkspace());
      expect(await screen.findByTestId('chat-history-error')).toHaveTextContent(
        'The kept chat could not be read: database down',
      );
    });
  });

  describe('settings', () => {
    it.each([
      [
        'Temperature',
        '3',
        'Temperature must be from 0 to 2; 3 is out of range',
      ],
      [
        'Temperature',
        '-0.5',
        'Temperature must be from 0 to 2; -0.5 is out of range',
      ],
      ['Temperature', '', 'Temperature: enter a number from 0 to 2'],
      [
        'Max tokens',
        '0',
        'Max tokens must be from 1 to 4096; 0 is out of range',
      ],
      ['Max tokens', '12.5', 'Max tokens: enter a whole number from 1 to 4096'],
      [
        'Max tokens',
        '5000',
        'Max tokens must be from 1 to 4096; 5000 is out of range',
      ],
    ])(
      'shows why %s %p is not allowed and holds Send until it is',
      async (label, value, error) => {
        await renderReady(readyWorkspace());
        const field = screen.getByRole('spinbutton', { name: label });
        fireEvent.change(field, { target: { value } });
        fireEvent.blur(field);
        expect(screen.getByText(error)).toBeInTheDocument();
        expect(field).toHaveAttribute('aria-invalid', 'true');
        // The value stays as typed, not silently replaced.
        expect(field).toHaveValue(value === '' ? null : Number(value));
        await userEvent.type(
          screen.getByRole('textbox', { name: 'Message' }),
          'Hi',
        );
        expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
        expect(screen.getByTestId('chat-settings-errors')).toHaveTextContent(
          `Fix the settings to send: ${error}`,
        );

        fireEvent.change(field, { target: { value: '1' } });
        expect(screen.queryByText(error)).not.toBeInTheDocument();
        expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
      },
    );
  });

  describe('context window', () => {
    it('warns when the message with max tokens does not fit the model’s context window', async () => {
      await renderReady(readyWorkspace());
      const message = screen.getByRole('textbox', { name: 'Message' });
      fireEvent.change(message, { target: { value: 'a'.repeat(12_000) } });
      expect(screen.getByTestId('chat-context-warning')).toHaveTextContent(
        "This request is about 3,000 tokens (estimated at 4 characters a token) plus up to 512 reply tokens: near the model's context window of 4,096 tokens.",
      );
      fireEvent.change(message, { target: { value: 'a'.repeat(20_000) } });
      expect(screen.getByTestId('chat-context-warning')).toHaveTextContent(
        "about 5,000 tokens (estimated at 4 characters a token) plus up to 512 reply tokens: more than the model's context window of 4,096 tokens",
      );
      fireEvent.change(message, { target: { value: 'short' } });
      expect(
        screen.queryByTestId('chat-context-warning'),
      ).not.toBeInTheDocument();
    });
  });

  describe('model output', () => {
    it('shows images in a reply as links and never loads them', async () => {
      server.use(
        http.post(CHAT, () =>
          chatReply([
            'Look: ![tracking pixel](https://tracker.example/p.gif) ',
            'and <img src="https://tracker.example/raw.png" alt="raw">',
          ]),
        ),
      );
      await renderReady(readyWorkspace());
      await sendMessage('Show me a picture');
      const reply = await screen.findByTestId('chat-reply');
      await waitFor(() => expect(reply).toHaveTextContent('Image: raw'));
      expect(
        reply.querySelectorAll('img, picture, source, video'),
      ).toHaveLength(0);
      expect(
        within(reply).getByRole('link', { name: /^Image: tracking pixel/ }),
      ).toHaveAttribute('href', 'https://tracker.example/p.gif');
      expect(
        within(reply).getByRole('link', { name: /^Image: raw/ }),
      ).toHaveAttribute('href', 'https://tracker.example/raw.png');
    });
  });

  describe('when the model is not ready', () => {
    it('is disabled and names the step and reason', async () => {
      await renderWithKaito(<ChatPanel workspace={quotaStuckWorkspace()} />);
      expect(screen.getByTestId('chat-disabled-reason')).toHaveTextContent(
        /failed at "Node claimed" \(QuotaExceeded: Operation could not/,
      );
      expect(screen.getByRole('textbox', { name: 'Message' })).toBeDisabled();
      expect(screen.getByRole('button', { name: /Send/ })).toBeDisabled();
    });
  });

  describe('when the user may not chat', () => {
    it('is disabled and says which permission is missing', async () => {
      const workspace = readyWorkspace({
        key: 'local/default/no-chat',
        ref: { cluster: 'local', namespace: 'default', name: 'no-chat' },
      });
      await renderWithKaito(<ChatPanel workspace={workspace} />, {
        denied: ['kaito.workspace.chat'],
      });
      expect(
        await screen.findByTestId('chat-disabled-reason'),
      ).toHaveTextContent(
        'You are not allowed to chat with this workspace (kaito.workspace.chat).',
      );
      expect(screen.getByRole('textbox', { name: 'Message' })).toBeDisabled();
    });
  });
});
