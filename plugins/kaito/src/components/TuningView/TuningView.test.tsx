import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import type {
  CreateWorkspaceRequest,
  WorkspaceDetails,
} from '@kaito-backstage/plugin-kaito-common';
import { API } from '../../__testUtils__/apis';
import {
  finishedTuningWorkspace,
  readyWorkspace,
  summaryOf,
} from '../../__testUtils__/fixtures';
import { renderWithKaito } from '../../__testUtils__/render';
import { errorResponse } from '../../__testUtils__/sse';
import { TuningView } from './TuningView';

const server = setupServer();
registerMswTestHooks(server);

function runningTuning(): WorkspaceDetails {
  const tuning = finishedTuningWorkspace();
  return {
    ...tuning,
    state: 'Running',
    steps: tuning.steps.map(step =>
      step.id === 'jobSucceeded' ? { ...step, status: 'active' } : step,
    ),
    images: tuning.images.filter(image => image.role !== 'output'),
  };
}

describe('TuningView', () => {
  describe('when the tuning job succeeded', () => {
    it('shows full progress and the output image with its digest', async () => {
      await renderWithKaito(
        <TuningView workspace={finishedTuningWorkspace()} />,
      );
      expect(
        screen.getByText(/LORA of phi-3-mini-4k-instruct · 5 of 5 steps done/),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('progressbar', { name: 'Tuning progress' }),
      ).toHaveAttribute('aria-valuenow', '100');
      expect(
        screen.getByText('registry.example.com/adapters/phi-support:v1'),
      ).toBeInTheDocument();
      expect(screen.getByText(/^sha256:feedface/)).toBeInTheDocument();
    });

    it('deploys an inference workspace with the tuned adapter', async () => {
      const requests: CreateWorkspaceRequest[] = [];
      server.use(
        http.post(`${API}/workspaces`, async ({ request }) => {
          const body = (await request.json()) as CreateWorkspaceRequest;
          requests.push(body);
          const created = summaryOf(readyWorkspace());
          return HttpResponse.json(
            {
              workspace: { ...created, key: `local/default/${body.name}` },
              manifest: readyWorkspace().workspace,
              warnings: [],
            },
            { status: 201 },
          );
        }),
      );
      await renderWithKaito(
        <TuningView workspace={finishedTuningWorkspace()} />,
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Deploy with this adapter' }),
      );
      const dialog = await screen.findByRole('dialog');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Deploy' }),
      );

      expect(
        await within(dialog).findByRole('link', {
          name: 'local/default/phi-tune-serve',
        }),
      ).toHaveAttribute('href', '/kaito/local/default/phi-tune-serve');
      expect(requests).toEqual([
        {
          cluster: 'local',
          namespace: 'default',
          name: 'phi-tune-serve',
          preset: 'phi-3-mini-4k-instruct',
          instanceType: 'Standard_NV36ads_A10_v5',
          adapters: [
            {
              name: 'phi-tune',
              image: 'registry.example.com/adapters/phi-support:v1',
            },
          ],
          owner: 'group:default/ml-team',
          entityRef: 'component:default/support-assistant',
        },
      ]);
    });

    it('shows the reason when the backend refuses, e.g. over quota', async () => {
      server.use(
        http.post(`${API}/workspaces`, () =>
          errorResponse(
            403,
            'NotAllowedError',
            'Quota of group:default/ml-team exceeded: 4 of 4 GPUs in use',
          ),
        ),
      );
      await renderWithKaito(
        <TuningView workspace={finishedTuningWorkspace()} />,
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Deploy with this adapter' }),
      );
      await userEvent.click(
        within(await screen.findByRole('dialog')).getByRole('button', {
          name: 'Deploy',
        }),
      );
      expect(
        await screen.findByText(
          'Quota of group:default/ml-team exceeded: 4 of 4 GPUs in use',
        ),
      ).toBeInTheDocument();
    });
  });

  describe('when the job still runs', () => {
    it('shows partial progress and does not offer to deploy yet', async () => {
      await renderWithKaito(<TuningView workspace={runningTuning()} />);
      expect(screen.getByText(/4 of 5 steps done/)).toBeInTheDocument();
      await waitFor(() =>
        expect(
          screen.getByRole('button', { name: 'Deploy with this adapter' }),
        ).toBeDisabled(),
      );
      expect(
        screen.getByText('Available once the job has succeeded.'),
      ).toBeInTheDocument();
    });
  });
});
