import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import type {
  FitRequestBody,
  FitResponseBody,
} from '@kaito-backstage/plugin-kaito-common';
import { API } from '../__testUtils__/apis';
import { skus } from '../__testUtils__/fixtures';
import { renderWithKaito } from '../__testUtils__/render';
import { KaitoGpuShapePicker } from './KaitoGpuShapePicker/KaitoGpuShapePicker';
import { validateGpuShape } from './KaitoGpuShapePicker/validateGpuShape';
import {
  KaitoResourceName,
  validateResourceName,
} from './KaitoResourceName/KaitoResourceName';

// The scaffolder's own Stepper runs the fields' validation on Next, as in the portal.
const server = setupServer();
registerMswTestHooks(server);

const extensions = [
  { name: 'KaitoResourceName', component: KaitoResourceName, validation: validateResourceName },
  { name: 'KaitoGpuShapePicker', component: KaitoGpuShapePicker, validation: validateGpuShape },
];

/** Two steps of Deploy LLM: the name, then where it runs. */
const manifest = {
  title: 'Deploy LLM',
  steps: [
    {
      title: 'Model',
      schema: {
        type: 'object',
        required: ['name'],
        properties: {
          preset: { type: 'string', default: 'phi-3-mini-4k-instruct' },
          name: { title: 'Workspace name', type: 'string', 'ui:field': 'KaitoResourceName' },
        },
      },
    },
    {
      title: 'Where it runs',
      schema: {
        type: 'object',
        required: ['instanceType'],
        properties: {
          cluster: { title: 'Cluster', type: 'string', default: 'local' },
          namespace: { title: 'Namespace', type: 'string', default: 'default', 'ui:field': 'KaitoResourceName' },
          instanceType: {
            title: 'GPU instance type',
            type: 'string',
            default: 'Standard_NC6',
            'ui:field': 'KaitoGpuShapePicker',
          },
        },
      },
    },
  ],
};

/** Phi-3 fits the A10 and the A100 but not the K80; the A100 is over quota. */
function fitAnswer(body: FitRequestBody): FitResponseBody {
  const base = { recommendations: [], currency: 'USD', quota: { group: 'group:default/ml-team', maxGpus: 8, usedGpus: 6, usedWorkspaces: 1 } };
  if (body.instanceType === 'Standard_NC6') {
    return { ...base, fits: false, reasons: ['Standard_NC6 has 12 GiB of GPU memory; phi-3 needs 16 GiB'], nodeCount: 0, gpuCount: 0 };
  }
  if (body.instanceType === 'Standard_NC24ads_A100_v4') {
    return { ...base, fits: false, reasons: ['Over the GPU quota of group:default/ml-team: 6 of 8 GPUs in use, this needs 4'], nodeCount: 1, gpuCount: 4 };
  }
  return { ...base, fits: true, reasons: [], nodeCount: 1, gpuCount: 1, costPerHour: 3.2 };
}

function serveBackend(dryRun: () => Response) {
  const dryRuns: unknown[] = [];
  server.use(
    http.get(`${API}/skus`, () => HttpResponse.json({ items: skus })),
    http.post(`${API}/fit`, async ({ request }) => HttpResponse.json(fitAnswer((await request.json()) as FitRequestBody))),
    http.post(`${API}/workspaces`, async ({ request }) => {
      dryRuns.push(await request.json());
      return dryRun();
    }),
  );
  return { dryRuns };
}

async function renderForm() {
  const onCreate = jest.fn();
  await renderWithKaito(
    <SecretsContextProvider>
      <Stepper manifest={manifest as any} extensions={extensions} onCreate={onCreate} />
    </SecretsContextProvider>,
  );
  return { onCreate };
}

describe('the Deploy LLM form with the Kaito fields', () => {
  it('explains a bad name in words and stays on the step', async () => {
    serveBackend(() => HttpResponse.json({}, { status: 201 }));
    await renderForm();

    await userEvent.type(await screen.findByLabelText(/Workspace name/), 'My_Phi');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect((await screen.findAllByText('Use lower-case letters only.')).length).toBeGreaterThan(0);
    expect(screen.getAllByText("Use only letters, digits and '-'; remove '_'.").length).toBeGreaterThan(0);
    expect(screen.queryByText(/\[a-z0-9\]/)).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Workspace name/)).toBeInTheDocument();
  });

  it('replaces a default shape that does not fit with the cheapest one, and a duplicate name blocks Review', async () => {
    const { dryRuns } = serveBackend(() =>
      HttpResponse.json(
        {
          error: { name: 'ConflictError', message: 'Workspace local/default/support-phi-3 already exists; choose another name' },
          request: { method: 'POST', url: '/api/kaito/workspaces' },
          response: { statusCode: 409 },
        },
        { status: 409 },
      ),
    );
    await renderForm();

    await userEvent.type(await screen.findByLabelText(/Workspace name/), 'support-phi-3');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    // Standard_NC6 (the default) does not fit phi-3: the cheapest fitting shape takes its place.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /GPU instance type/ })).toHaveTextContent('Standard_NV36ads_A10_v5'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));

    // The form lists it at the top and under the field.
    expect(
      (await screen.findAllByText('Workspace local/default/support-phi-3 already exists; choose another name')).length,
    ).toBeGreaterThan(0);
    expect(dryRuns).toEqual([expect.objectContaining({ name: 'support-phi-3', instanceType: 'Standard_NV36ads_A10_v5', dryRun: true })]);
    expect(screen.queryByRole('button', { name: 'Create' })).not.toBeInTheDocument();
  });

  it('goes on to Review once the backend accepts the dry run', async () => {
    serveBackend(() => HttpResponse.json({ workspace: {}, manifest: {}, warnings: [] }, { status: 201 }));
    await renderForm();

    await userEvent.type(await screen.findByLabelText(/Workspace name/), 'support-phi-3');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /GPU instance type/ })).toHaveTextContent('Standard_NV36ads_A10_v5'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));

    expect(await screen.findByRole('button', { name: 'Create' })).toBeInTheDocument();
  });
});
