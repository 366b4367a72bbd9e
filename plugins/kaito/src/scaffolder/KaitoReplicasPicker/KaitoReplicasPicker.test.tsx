import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, TestApiRegistry } from '@backstage/test-utils';
import { kaitoApiRef } from '../../api/KaitoApi';
import { setupKaitoServer } from '../../__testUtils__/server';
import { API, testKaitoClient } from '../../__testUtils__/apis';
import { renderWithKaito } from '../../__testUtils__/render';
import { KaitoReplicasPicker, KaitoReplicasPickerUiOptions, validateReplicas } from './KaitoReplicasPicker';

const server = setupKaitoServer();

function props(formData: number | undefined, form: Record<string, unknown>): FieldExtensionComponentProps<number, KaitoReplicasPickerUiOptions> {
  return {
    formData,
    onChange: jest.fn(),
    schema: { title: 'Replicas', type: 'integer' },
    uiSchema: { 'ui:options': {} },
    rawErrors: [],
    required: false,
    disabled: false,
    formContext: { formData: form },
    idSchema: { $id: 'root_replicas' },
  } as unknown as FieldExtensionComponentProps<number, KaitoReplicasPickerUiOptions>;
}

const form = { preset: 'phi-4-mini-instruct', cluster: 'local', instanceType: 'Standard_NC24ads_A100_v4', owner: 'group:default/ml-team' };

describe('KaitoReplicasPicker', () => {
  beforeEach(() => {
    server.use(
      http.post(`${API}/fit`, () =>
        HttpResponse.json({
          fits: true,
          reasons: [],
          nodeCount: 1,
          gpuCount: 1,
          costPerHour: 3.67,
          currency: 'USD',
          recommendations: [],
          quota: { group: 'group:default/ml-team', usedGpus: 2, maxGpus: 8, usedWorkspaces: 2, maxWorkspaces: 10 },
        }),
      ),
    );
  });

  it('multiplies one replica\'s GPUs and cost by the replicas and the autoscaling maximum', async () => {
    await renderWithKaito(<KaitoReplicasPicker {...props(3, { ...form, autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 5 } })} />);
    expect(await screen.findByText(/^3 × 1 GPU = 3 GPUs, .*11\.01.*; up to 5 replicas: 5 GPUs, .*18\.35.* · quota: 2 of 8 GPUs in use$/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows the quota of the user's first group until the form names an owner", async () => {
    const owners: unknown[] = [];
    server.use(
      http.post(`${API}/fit`, async ({ request }) => {
        owners.push(((await request.json()) as { owner?: string }).owner);
        return HttpResponse.json({ fits: true, reasons: [], nodeCount: 1, gpuCount: 1, recommendations: [], quota: { group: 'group:default/ml-team', usedGpus: 0, maxGpus: 8, usedWorkspaces: 0 } });
      }),
    );
    const { owner: _none, ...withoutOwner } = form;
    await renderWithKaito(<KaitoReplicasPicker {...props(3, withoutOwner)} />);
    expect(await screen.findByText('3 × 1 GPU = 3 GPUs · quota: 0 of 8 GPUs in use')).toBeInTheDocument();
    expect(owners).toEqual(['group:default/ml-team']);
  });

  it('says when the autoscaling maximum breaks the quota', async () => {
    await renderWithKaito(<KaitoReplicasPicker {...props(2, { ...form, autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 7 } })} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Over the GPU quota of group:default/ml-team: 2 of 8 GPUs in use, autoscaling up to 7 replicas need 7');
  });

  it('refuses a count that is no whole number from 1 to 100, outside the autoscaling range, or over the quota at its most', async () => {
    const apiHolder = TestApiRegistry.from(
      [kaitoApiRef, testKaitoClient()],
      [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/guest', ownershipEntityRefs: ['group:default/ml-team'] })],
    );
    const check = async (value: number, formData: object) => {
      const errors: string[] = [];
      const validation = { addError: (message: string) => errors.push(message) } as never;
      await validateReplicas(value, validation, { apiHolder, formData, uiSchema: {} } as never);
      return errors;
    };
    expect(await check(0, form)).toEqual(['Replicas must be a whole number from 1 to 100']);
    expect(await check(1.5, form)).toEqual(['Replicas must be a whole number from 1 to 100']);
    expect(await check(3, { ...form, autoscaling: { enabled: true, minReplicas: 4, maxReplicas: 6 } })).toEqual([
      'Replicas must lie between the autoscaling minimum (4) and maximum (6)',
    ]);
    // 2 of 8 GPUs in use, 1 GPU a replica.
    expect(await check(6, form)).toEqual([]);
    expect(await check(7, form)).toEqual(['Over the GPU quota of group:default/ml-team: 2 of 8 GPUs in use, 7 replicas need 7']);
    expect(await check(2, { ...form, autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 9 } })).toEqual([
      'Over the GPU quota of group:default/ml-team: 2 of 8 GPUs in use, autoscaling up to 9 replicas need 9',
    ]);
  });
});
