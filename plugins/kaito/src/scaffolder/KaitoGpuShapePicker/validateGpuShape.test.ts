import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  registerMswTestHooks,
  TestApiRegistry,
} from '@backstage/test-utils';
import type { FieldValidation } from '@rjsf/utils';
import type {
  CreateWorkspaceRequest,
  FitRequestBody,
  FitResponseBody,
} from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../api/KaitoApi';
import { API, testKaitoClient } from '../../__testUtils__/apis';
import type { KaitoGpuShapePickerUiOptions } from './KaitoGpuShapePicker';
import { validateGpuShape } from './validateGpuShape';

const server = setupServer();
registerMswTestHooks(server);

const apiHolder = TestApiRegistry.from(
  [kaitoApiRef, testKaitoClient()],
  [
    identityApiRef,
    mockApis.identity({
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest', 'group:default/ml-team'],
    }),
  ],
);

const fits: FitResponseBody = {
  fits: true,
  reasons: ['phi-3-mini-4k-instruct needs 9 GiB; it fits on 1 × Standard_NV36ads_A10_v5'],
  nodeCount: 1,
  gpuCount: 1,
  costPerHour: 3.2,
  currency: 'USD',
  recommendations: [],
};

/** Answers /fit with `fit` and the dry run with `dryRun`; records both requests. */
function serve(
  fit: FitResponseBody,
  dryRun: () => Response = () =>
    HttpResponse.json({ workspace: {}, manifest: {}, warnings: [] }, { status: 201 }),
) {
  const fitRequests: FitRequestBody[] = [];
  const dryRuns: CreateWorkspaceRequest[] = [];
  server.use(
    http.post(`${API}/fit`, async ({ request }) => {
      fitRequests.push((await request.json()) as FitRequestBody);
      return HttpResponse.json(fit);
    }),
    http.post(`${API}/workspaces`, async ({ request }) => {
      dryRuns.push((await request.json()) as CreateWorkspaceRequest);
      return dryRun();
    }),
  );
  return { fitRequests, dryRuns };
}

const refusal = (status: number, name: string, message: string) => () =>
  HttpResponse.json({ error: { name, message }, request: {}, response: { statusCode: status } }, { status });

async function validate(
  value: string | undefined,
  formData: Record<string, unknown>,
  options: KaitoGpuShapePickerUiOptions = {},
) {
  const errors: string[] = [];
  const validation = {
    addError: (message: string) => errors.push(message),
  } as unknown as FieldValidation;
  await validateGpuShape(value as string, validation, {
    apiHolder,
    formData: formData as any,
    schema: {},
    uiSchema: { 'ui:options': options } as Parameters<typeof validateGpuShape>[2]['uiSchema'],
  });
  return errors;
}

const deployForm = {
  preset: 'phi-3-mini-4k-instruct',
  name: 'support-phi-3',
  cluster: 'local',
  namespace: 'default',
  instanceType: 'Standard_NV36ads_A10_v5',
};

describe('validateGpuShape', () => {
  it('blocks a shape the model does not fit, with the reason, before any dry run', async () => {
    const { dryRuns } = serve({
      ...fits,
      fits: false,
      reasons: ['Standard_NC6 has 12 GiB of GPU memory; phi-3 needs 16 GiB'],
    });

    expect(await validate('Standard_NC6', deployForm)).toEqual([
      'Standard_NC6 has 12 GiB of GPU memory; phi-3 needs 16 GiB',
    ]);
    expect(dryRuns).toEqual([]);
  });

  it("blocks a shape over the owner's quota, checked for the user's group until the form names an owner", async () => {
    const { fitRequests } = serve({
      ...fits,
      fits: false,
      reasons: [
        'fits',
        'Over the GPU quota of group:default/ml-team: 6 of 8 GPUs in use, this needs 8',
      ],
    });

    const errors = await validate('Standard_ND96isr_H100_v5', deployForm);

    expect(errors).toEqual([expect.stringContaining('Over the GPU quota of group:default/ml-team')]);
    expect(fitRequests[0]).toEqual({
      cluster: 'local',
      preset: 'phi-3-mini-4k-instruct',
      instanceType: 'Standard_ND96isr_H100_v5',
      owner: 'group:default/ml-team',
    });
  });

  it('passes a fitting shape whose dry run the backend accepts, sending what the template will', async () => {
    const { dryRuns } = serve(fits);

    expect(await validate('Standard_NV36ads_A10_v5', { ...deployForm, owner: 'group:default/ml-team' })).toEqual([]);
    expect(dryRuns).toEqual([
      {
        cluster: 'local',
        namespace: 'default',
        name: 'support-phi-3',
        preset: 'phi-3-mini-4k-instruct',
        instanceType: 'Standard_NV36ads_A10_v5',
        owner: 'group:default/ml-team',
        dryRun: true,
      },
    ]);
  });

  it('says a duplicate name in the form', async () => {
    serve(
      fits,
      refusal(409, 'ConflictError', 'Workspace local/default/support-phi-3 already exists; choose another name'),
    );

    expect(await validate('Standard_NV36ads_A10_v5', deployForm)).toEqual([
      'Workspace local/default/support-phi-3 already exists; choose another name',
    ]);
  });

  it("says a namespace outside the team's placement", async () => {
    serve(
      fits,
      refusal(403, 'NotAllowedError', 'namespace: group:default/ml-team may create workspaces only in team-ml-team'),
    );

    expect(await validate('Standard_NV36ads_A10_v5', { ...deployForm, namespace: 'prod' })).toEqual([
      'Namespace: group:default/ml-team may create workspaces only in team-ml-team',
    ]);
  });

  it('names the form field of each refused part of a tuning request', async () => {
    const { dryRuns } = serve(
      fits,
      refusal(
        400,
        'InputError',
        'The workspace request is invalid: tuning.input.urls[0]: http://10.0.0.1/data.parquet is a private address; use a public host; metadata.name: too long',
      ),
    );

    const errors = await validate('Standard_NC24ads_A100_v4', {
      preset: 'phi-3-mini-4k-instruct',
      name: 'tune',
      method: 'lora',
      inputUrls: ['http://10.0.0.1/data.parquet', ''],
      outputImage: 'registry.local/adapters/tune:0.1.0',
      outputImagePushSecret: 'registry-push-secret',
      cluster: 'local',
      namespace: 'default',
    });

    expect(errors).toEqual([
      'Dataset URLs: http://10.0.0.1/data.parquet is a private address; use a public host',
      'Workspace name: too long',
    ]);
    expect(dryRuns[0].tuning).toEqual({
      method: 'lora',
      inputUrls: ['http://10.0.0.1/data.parquet'],
      outputImage: 'registry.local/adapters/tune:0.1.0',
      outputImagePushSecret: 'registry-push-secret',
    });
  });

  it("checks a tuning form's shape with the preset's tuning memory", async () => {
    const { fitRequests } = serve({ ...fits, fits: false, reasons: ['Tuning phi-3-mini-4k-instruct needs 72 GiB; Standard_NV36ads_A10_v5 has 24 GiB'] });

    expect(await validate('Standard_NV36ads_A10_v5', deployForm, { purpose: 'tuning' })).toEqual([
      'Tuning phi-3-mini-4k-instruct needs 72 GiB; Standard_NV36ads_A10_v5 has 24 GiB',
    ]);
    expect(fitRequests[0].purpose).toBe('tuning');
  });

  it("names the form's fields in the request schema's refusals too", async () => {
    serve(
      fits,
      refusal(
        400,
        'InputError',
        'The workspace request is invalid: tuning.inputUrls.0: must be an https URL; tuning.outputImagePushSecret: must be at most 253 characters',
      ),
    );

    expect(await validate('Standard_NC24ads_A100_v4', deployForm)).toEqual([
      'Dataset URLs: must be an https URL',
      'Push secret: must be at most 253 characters',
    ]);
  });

  it('asks for the model first when the form has none', async () => {
    serve(fits);
    expect(await validate('Standard_NV36ads_A10_v5', { name: 'x' })).toEqual(['Choose a model preset first.']);
  });
});
