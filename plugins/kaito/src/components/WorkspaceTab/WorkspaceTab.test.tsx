import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupKaitoServer } from '../../__testUtils__/server';
import { API } from '../../__testUtils__/apis';
import {
  quotaStuckWorkspace,
  readyWorkspace,
} from '../../__testUtils__/fixtures';
import { renderWithKaito } from '../../__testUtils__/render';
import {
  controllableEventStream,
  errorResponse,
} from '../../__testUtils__/sse';
import { WorkspaceTab } from './WorkspaceTab';

const server = setupKaitoServer();

const STREAM = `${API}/workspaces/local/default/:name/stream`;

/**
 * A workspace under its own key: `usePermission` caches decisions by
 * permission and resource for the whole test file.
 */
function uniquelyNamed(name: string) {
  return readyWorkspace({
    ref: { cluster: 'local', namespace: 'default', name },
    key: `local/default/${name}`,
  });
}

function serveStream() {
  const stream = controllableEventStream();
  server.use(http.get(STREAM, () => stream.response()));
  return stream;
}

describe('WorkspaceTab', () => {
  describe('when the workspace is ready', () => {
    it('shows the status columns, nodes, pods, events, images and the endpoint', async () => {
      const stream = serveStream();
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/phi-3" />,
      );
      stream.send({ type: 'snapshot', workspace: readyWorkspace() });

      expect(await screen.findByTestId('workspace-state')).toHaveTextContent(
        'Ready',
      );
      expect(screen.getByLabelText('live')).toBeInTheDocument();
      expect(
        screen.getAllByText('Standard_NV36ads_A10_v5').length,
      ).toBeGreaterThan(0);
      expect(screen.getByText('$3.20/h')).toBeInTheDocument();
      expect(
        within(screen.getByRole('table', { name: 'Nodes' })).getByText(
          '1 × NVIDIA-A10',
        ),
      ).toBeInTheDocument();
      expect(
        within(screen.getByRole('table', { name: 'Pods' })).getByText(
          'phi-3-0',
        ),
      ).toBeInTheDocument();
      expect(
        within(screen.getByRole('table', { name: 'Events' })).getByText(
          'Successfully pulled image',
        ),
      ).toBeInTheDocument();
      expect(
        within(screen.getByRole('table', { name: 'Images' })).getByText(
          'sha256:0123456789ab',
        ),
      ).toBeInTheDocument();
      // The snippet is syntax-highlighted, so its text is split across spans.
      await waitFor(() =>
        expect(document.body).toHaveTextContent(
          'curl -X POST http://phi-3.default.svc.cluster.local:80/v1/chat/completions',
        ),
      );
      expect(screen.getByRole('button', { name: /Send/ })).toBeInTheDocument();
    });
  });

  describe("when Kaito's benchmark has run", () => {
    it('shows its figures with tokens/s and the load it ran', async () => {
      const stream = serveStream();
      const workspace = uniquelyNamed('benchmarked');
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/benchmarked" />,
      );
      stream.send({
        type: 'snapshot',
        workspace: {
          ...workspace,
          workspace: {
            ...workspace.workspace,
            status: {
              ...workspace.workspace.status,
              performance: {
                metrics: {
                  peakTokensPerMinute: {
                    description: 'stress/high-concurrency',
                    value: '120000',
                    unit: 'tokens/min',
                    config: {
                      maxConcurrency: '64',
                      inputTokens: '1024',
                      outputTokens: '256',
                      engine: 'vllm',
                    },
                  },
                },
              },
            },
          },
        },
      });
      const table = await screen.findByRole('table', { name: 'Benchmark' });
      expect(within(table).getByText('Peak throughput')).toBeInTheDocument();
      expect(
        within(table).getByText('120,000 tokens/min (2,000 tokens/s)'),
      ).toBeInTheDocument();
      expect(
        within(table).getByText('stress/high-concurrency'),
      ).toBeInTheDocument();
      expect(
        within(table).getByText(
          'concurrency 64, input tokens 1024, output tokens 256',
        ),
      ).toBeInTheDocument();
      expect(within(table).getByText('vLLM')).toBeInTheDocument();
    });

    it('shows no benchmark card when there are no figures', async () => {
      const stream = serveStream();
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/unbenchmarked" />,
      );
      stream.send({
        type: 'snapshot',
        workspace: uniquelyNamed('unbenchmarked'),
      });
      expect(await screen.findByTestId('workspace-state')).toHaveTextContent(
        'Ready',
      );
      expect(
        screen.queryByRole('table', { name: 'Benchmark' }),
      ).not.toBeInTheDocument();
    });
  });

  describe('when provisioning is stuck on a quota error', () => {
    it('shows the failed step with its reason, message and hint, and disables chat with the reason', async () => {
      const stream = serveStream();
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/phi-h100" />,
      );
      stream.send({ type: 'snapshot', workspace: quotaStuckWorkspace() });

      expect(await screen.findByTestId('workspace-state')).toHaveTextContent(
        'Pending',
      );
      expect(screen.getAllByText('QuotaExceeded').length).toBeGreaterThan(0);
      expect(
        screen.getByText(
          /^Operation could not be completed as it results in exceeding/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          'Ask for more quota for this VM family or choose another instance type.',
        ),
      ).toBeInTheDocument();
      expect(screen.getByTestId('chat-disabled-reason')).toHaveTextContent(
        'The model is not ready yet: provisioning failed at "Node claimed" (QuotaExceeded:',
      );
      expect(screen.getByRole('textbox', { name: 'Message' })).toBeDisabled();
      expect(screen.getByText('No nodes yet.')).toBeInTheDocument();
    });
  });

  describe('when the stream reports changes', () => {
    it('shows each new snapshot as it arrives', async () => {
      const stream = serveStream();
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/phi-3" />,
      );
      stream.send({
        type: 'snapshot',
        workspace: readyWorkspace({
          state: 'Pending',
          columns: { resourceReady: 'False' },
        }),
      });
      expect(await screen.findByTestId('workspace-state')).toHaveTextContent(
        'Pending',
      );

      stream.send({ type: 'snapshot', workspace: readyWorkspace() });
      await waitFor(() =>
        expect(screen.getByTestId('workspace-state')).toHaveTextContent(
          'Ready',
        ),
      );
    });

    it('says so when the workspace is deleted', async () => {
      const stream = serveStream();
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/phi-3" />,
      );
      stream.send({ type: 'snapshot', workspace: readyWorkspace() });
      await screen.findByTestId('workspace-state');
      stream.send({ type: 'deleted', key: 'local/default/phi-3' });
      expect(await screen.findByText('Workspace deleted')).toBeInTheDocument();
    });
  });

  describe('when the audit log has entries', () => {
    it('lists them newest first', async () => {
      const stream = serveStream();
      let workspaceQuery: string | null = null;
      server.use(
        http.get(`${API}/audit`, ({ request }) => {
          workspaceQuery = new URL(request.url).searchParams.get('workspace');
          return HttpResponse.json({
            items: [
              {
                id: 1,
                at: '2026-11-22T10:00:00Z',
                actor: 'user:default/guest',
                action: 'create',
                workspace: 'local/default/phi-3',
                outcome: 'success',
              },
              {
                id: 2,
                at: '2026-11-22T10:06:00Z',
                actor: 'user:default/guest',
                action: 'chat',
                workspace: 'local/default/phi-3',
                outcome: 'success',
                detail: '27 tokens, TTFT 17 ms',
              },
            ],
          });
        }),
      );
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/phi-3" />,
      );
      stream.send({ type: 'snapshot', workspace: readyWorkspace() });
      const table = await screen.findByRole('table', { name: 'Activity' });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(
        rows.map(row => within(row).getAllByRole('cell')[2].textContent),
      ).toEqual(['chat', 'create']);
      expect(
        within(table).getByText('27 tokens, TTFT 17 ms'),
      ).toBeInTheDocument();
      expect(workspaceQuery).toBe('local/default/phi-3');
    });
  });

  describe('when the user asks for the logs', () => {
    it('loads the last lines of the model server log', async () => {
      const stream = serveStream();
      let tailLines: string | null = null;
      server.use(
        http.get(
          `${API}/workspaces/local/default/phi-3/logs`,
          ({ request }) => {
            tailLines = new URL(request.url).searchParams.get('tailLines');
            return HttpResponse.text(
              'INFO: Started server process\nINFO: Uvicorn running on http://0.0.0.0:5000',
            );
          },
        ),
      );
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/phi-3" />,
      );
      stream.send({ type: 'snapshot', workspace: readyWorkspace() });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Show logs' }),
      );
      expect(
        await screen.findByLabelText('Model server log'),
      ).toHaveTextContent('Uvicorn running on http://0.0.0.0:5000');
      expect(tailLines).toBe('200');
    });
  });

  describe('when the workspace does not exist yet', () => {
    it('waits for it to appear, then shows it live', async () => {
      const stream = controllableEventStream();
      let looks = 0;
      server.use(
        http.get(STREAM, () => {
          looks += 1;
          return looks === 1
            ? errorResponse(
                404,
                'NotFoundError',
                'Workspace local/default/soon not found',
              )
            : stream.response();
        }),
      );
      await renderWithKaito(<WorkspaceTab workspaceKey="local/default/soon" />);
      const waiting = await screen.findByTestId('workspace-waiting');
      // Announced to screen readers, not just drawn.
      expect(waiting).toHaveAttribute('role', 'status');
      expect(waiting).toHaveTextContent(
        'local/default/soon does not exist yet',
      );
      expect(
        screen.getByText('Waiting for the workspace to appear'),
      ).toBeInTheDocument();
      expect(screen.queryByText(/not found/)).not.toBeInTheDocument();

      // The hook looks again after a second; the workspace has appeared.
      await waitFor(() => expect(looks).toBe(2), { timeout: 3000 });
      stream.send({
        type: 'snapshot',
        workspace: uniquelyNamed('soon'),
      });
      await waitFor(() =>
        expect(screen.getByTestId('workspace-state')).toHaveTextContent(
          'Ready',
        ),
      );
      expect(screen.queryByTestId('workspace-waiting')).not.toBeInTheDocument();
    });
  });

  describe('when the key is malformed', () => {
    it('explains the expected form', async () => {
      await renderWithKaito(<WorkspaceTab workspaceKey="just-a-name" />);
      expect(
        await screen.findByText(/is not a workspace key/),
      ).toBeInTheDocument();
    });
  });

  describe('when the user may not read the workspace', () => {
    it('says so and renders none of it', async () => {
      const stream = serveStream();
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/no-read" />,
        { denied: ['kaito.workspace.read'] },
      );
      stream.send({ type: 'snapshot', workspace: uniquelyNamed('no-read') });
      expect(
        await screen.findByText(
          /You may not see the workspace local\/default\/no-read/,
        ),
      ).toBeInTheDocument();
      expect(screen.queryByTestId('workspace-state')).not.toBeInTheDocument();
    });
  });

  describe('when deleting', () => {
    it('asks for confirmation, then deletes the workspace', async () => {
      const stream = serveStream();
      const deleted = jest.fn();
      server.use(
        http.delete(`${API}/workspaces/local/default/phi-3`, () => {
          deleted();
          return new HttpResponse(null, { status: 204 });
        }),
      );
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/phi-3" />,
      );
      stream.send({ type: 'snapshot', workspace: readyWorkspace() });

      await userEvent.click(
        await screen.findByRole('button', { name: 'Delete' }),
      );
      const dialog = await screen.findByRole('dialog');
      expect(
        within(dialog).getByText(/releases its 1 GPU/),
      ).toBeInTheDocument();
      expect(deleted).not.toHaveBeenCalled();
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Delete workspace' }),
      );
      await waitFor(() => expect(deleted).toHaveBeenCalledTimes(1));
    });

    it('shows why the backend refused', async () => {
      const stream = serveStream();
      server.use(
        http.delete(`${API}/workspaces/local/default/phi-3`, () =>
          errorResponse(
            409,
            'ConflictError',
            'local/default/phi-3 is already being deleted',
          ),
        ),
      );
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/phi-3" />,
      );
      stream.send({ type: 'snapshot', workspace: readyWorkspace() });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Delete' }),
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Delete workspace' }),
      );
      expect(
        await screen.findByText('local/default/phi-3 is already being deleted'),
      ).toBeInTheDocument();
    });

    it('offers no delete button without the delete permission', async () => {
      const stream = serveStream();
      await renderWithKaito(
        <WorkspaceTab workspaceKey="local/default/no-delete" />,
        { denied: ['kaito.workspace.delete'] },
      );
      stream.send({ type: 'snapshot', workspace: uniquelyNamed('no-delete') });
      await screen.findByTestId('workspace-state');
      expect(
        screen.queryByRole('button', { name: 'Delete' }),
      ).not.toBeInTheDocument();
    });
  });
});
