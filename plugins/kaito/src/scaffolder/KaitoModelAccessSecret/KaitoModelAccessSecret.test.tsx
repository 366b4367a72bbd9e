import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import type {
  CreateWorkspaceRequest,
  FitResponseBody,
} from '@kaito-backstage/plugin-kaito-common';
import { API } from '../../__testUtils__/apis';
import { presets, skus } from '../../__testUtils__/fixtures';
import { renderWithKaito } from '../../__testUtils__/render';
import { KaitoGpuShapePicker } from '../KaitoGpuShapePicker/KaitoGpuShapePicker';
import { validateGpuShape } from '../KaitoGpuShapePicker/validateGpuShape';
import {
  KaitoModelAccessSecret,
  validateModelAccessSecret,
} from './KaitoModelAccessSecret';

const server = setupServer();
registerMswTestHooks(server);

const extensions = [
  { name: 'KaitoModelAccessSecret', component: KaitoModelAccessSecret, validation: validateModelAccessSecret },
  { name: 'KaitoGpuShapePicker', component: KaitoGpuShapePicker, validation: validateGpuShape },
];

/** Deploy LLM's first two steps with the model fixed to `preset`. */
const manifest = (preset: string) => ({
  title: 'Deploy LLM',
  steps: [
    {
      title: 'Model',
      schema: {
        type: 'object',
        properties: {
          preset: { type: 'string', default: preset },
          modelAccessSecret: { title: 'Model access secret', type: 'string', 'ui:field': 'KaitoModelAccessSecret' },
          name: { type: 'string', default: 'llama' },
        },
      },
    },
    {
      title: 'Where it runs',
      schema: {
        type: 'object',
        properties: {
          cluster: { type: 'string', default: 'local' },
          namespace: { type: 'string', default: 'default' },
          instanceType: { title: 'GPU instance type', type: 'string', default: 'Standard_NV36ads_A10_v5', 'ui:field': 'KaitoGpuShapePicker' },
        },
      },
    },
  ],
});

const fits: FitResponseBody = { fits: true, reasons: [], nodeCount: 1, gpuCount: 1, costPerHour: 3.2, currency: 'USD', recommendations: [] };

/** The backend: presets, SKUs, a fit for every shape, and a dry run that knows only Secret hf-token. */
function serveBackend() {
  const dryRuns: CreateWorkspaceRequest[] = [];
  server.use(
    http.get(`${API}/presets`, () => HttpResponse.json({ items: presets })),
    http.get(`${API}/skus`, () => HttpResponse.json({ items: skus })),
    http.post(`${API}/fit`, () => HttpResponse.json(fits)),
    http.post(`${API}/workspaces`, async ({ request }) => {
      const body = (await request.json()) as CreateWorkspaceRequest;
      dryRuns.push(body);
      if (body.modelAccessSecret !== 'hf-token') {
        const message = `The workspace request is invalid: inference.preset.presetOptions.modelAccessSecret: Secret ${body.modelAccessSecret} does not exist in namespace default; create it with kubectl create secret generic ${body.modelAccessSecret} --namespace default --from-literal=HF_TOKEN=<a Hugging Face token that may read the model>`;
        return HttpResponse.json(
          { error: { name: 'InputError', message }, request: { method: 'POST', url: '/api/kaito/workspaces' }, response: { statusCode: 400 } },
          { status: 400 },
        );
      }
      return HttpResponse.json({ workspace: {}, manifest: {}, warnings: [] });
    }),
  );
  return { dryRuns };
}

async function renderForm(preset: string) {
  await renderWithKaito(
    <SecretsContextProvider>
      <Stepper manifest={manifest(preset) as any} extensions={extensions} onCreate={jest.fn()} />
    </SecretsContextProvider>,
  );
}

describe('KaitoModelAccessSecret in the Deploy LLM form', () => {
  it('is not shown for a model that is not gated', async () => {
    serveBackend();
    await renderForm('phi-3-mini-4k-instruct');
    await screen.findByRole('button', { name: 'Next' });
    // Give the preset list time to load: the field must still be absent.
    await waitFor(() => expect(screen.queryByTestId('kaito-model-access-secret')).not.toBeInTheDocument());
  });

  it('asks a gated model for its Secret, and the dry run says when the namespace does not have it', async () => {
    const { dryRuns } = serveBackend();
    await renderForm('llama-3.3-70b-instruct');

    const field = await screen.findByTestId('kaito-model-access-secret');
    expect(screen.getByText(/meta-llama\/Llama-3\.3-70B-Instruct is gated on Hugging Face/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findAllByText('llama-3.3-70b-instruct is gated: name the Secret that holds HF_TOKEN.')).length).toBeGreaterThan(0);

    await userEvent.type(field, 'hf-tokn');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('button', { name: 'Review' });
    await waitFor(() => expect(screen.getByRole('button', { name: /GPU instance type/ })).not.toHaveAttribute('aria-disabled'));
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      (await screen.findAllByText(/^Model access secret: Secret hf-tokn does not exist in namespace default; create it with kubectl create secret generic hf-tokn/))
        .length,
    ).toBeGreaterThan(0);
    expect(dryRuns.at(-1)).toMatchObject({ preset: 'llama-3.3-70b-instruct', modelAccessSecret: 'hf-tokn', namespace: 'default', dryRun: true });

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    const again = await screen.findByTestId('kaito-model-access-secret');
    await userEvent.clear(again);
    await userEvent.type(again, 'hf-token');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('button', { name: 'Review' });
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(await screen.findByRole('button', { name: 'Create' })).toBeInTheDocument();
  });
});
