import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import { readYamlDocuments, type FitRequestBody } from '@kaito-backstage/plugin-kaito-common';
import { API } from '../__testUtils__/apis';
import { skus } from '../__testUtils__/fixtures';
import { renderWithKaito } from '../__testUtils__/render';
import { KaitoGpuShapePicker } from './KaitoGpuShapePicker/KaitoGpuShapePicker';
import { validateGpuShape } from './KaitoGpuShapePicker/validateGpuShape';
import { KaitoResourceName, validateResourceName } from './KaitoResourceName/KaitoResourceName';
import { KaitoReplicasPicker, validateReplicas } from './KaitoReplicasPicker/KaitoReplicasPicker';

// The "Where it runs" step of the shipped Deploy LLM template, in the scaffolder's own Stepper.
const server = setupServer();
registerMswTestHooks(server);

const template = readYamlDocuments(fs.readFileSync(path.resolve(__dirname, '../../../../templates/deploy-llm/template.yaml'), 'utf8'))[0].value as any;
const whereItRuns = template.spec.parameters.find((step: { title: string }) => step.title === 'Where it runs');
const manifest = {
  title: 'Deploy LLM',
  steps: [{ title: whereItRuns.title, schema: { ...whereItRuns, properties: { ...whereItRuns.properties, preset: { type: 'string', default: 'phi-3-mini-4k-instruct' } } } }],
};
const extensions = [
  { name: 'KaitoResourceName', component: KaitoResourceName, validation: validateResourceName },
  { name: 'KaitoGpuShapePicker', component: KaitoGpuShapePicker, validation: validateGpuShape },
  { name: 'KaitoReplicasPicker', component: KaitoReplicasPicker, validation: validateReplicas },
];

describe("the shipped Deploy LLM template's replicas and autoscaling", () => {
  beforeEach(() => {
    server.use(
      http.get(`${API}/skus`, () => HttpResponse.json({ items: skus })),
      http.post(`${API}/fit`, async ({ request }) => {
        const body = (await request.json()) as FitRequestBody;
        const a10 = body.instanceType === 'Standard_NV36ads_A10_v5';
        return HttpResponse.json({
          fits: a10,
          reasons: a10 ? [] : [`${body.instanceType} is not for this test`],
          nodeCount: 1,
          gpuCount: 1,
          costPerHour: 3.2,
          currency: 'USD',
          recommendations: [],
          quota: { group: 'group:default/ml-team', usedGpus: 2, maxGpus: 8, usedWorkspaces: 2 },
        });
      }),
      http.post(`${API}/workspaces`, () => HttpResponse.json({ workspace: {}, manifest: {}, warnings: [] }, { status: 201 })),
    );
  });

  it('multiplies out the replicas, opens the autoscaling fields, and blocks a maximum over the quota', async () => {
    const onCreate = jest.fn();
    await renderWithKaito(
      <SecretsContextProvider>
        <Stepper manifest={manifest as any} extensions={extensions} onCreate={onCreate} />
      </SecretsContextProvider>,
    );
    await waitFor(() => expect(screen.getByRole('button', { name: /GPU instance type/ })).toHaveTextContent('Standard_NV36ads_A10_v5'));
    const replicas = screen.getByLabelText('Replicas');
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '3');
    expect(await screen.findByText(/^3 × 1 GPU = 3 GPUs, .*9\.60.* · quota: 2 of 8 GPUs in use$/)).toBeInTheDocument();

    expect(screen.queryByLabelText(/Maximum replicas/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Scale automatically'));
    const maximum = await screen.findByLabelText(/Maximum replicas/);
    await userEvent.clear(maximum);
    await userEvent.type(maximum, '9');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect((await screen.findAllByText('Over the GPU quota of group:default/ml-team: 2 of 8 GPUs in use, autoscaling up to 9 replicas need 9')).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Create' })).not.toBeInTheDocument();

    await userEvent.clear(maximum);
    await userEvent.type(maximum, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(await screen.findByRole('button', { name: 'Create' })).toBeInTheDocument();
  });
});
