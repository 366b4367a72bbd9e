import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http } from 'msw';
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

const server = setupServer();
registerMswTestHooks(server);

const CHAT = `${API}/workspaces/local/default/:name/chat`;

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
