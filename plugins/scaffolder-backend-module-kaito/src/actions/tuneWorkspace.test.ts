import { InputError } from '@backstage/errors';
import { actionContext, refuseCreate, startCreatingBackend } from '../__testUtils__/actionHarness';
import type { FakeKaitoBackend } from '../__testUtils__/fakeKaitoBackend';
import { createKaitoTuneWorkspaceAction } from './tuneWorkspace';

const input = {
  cluster: 'local',
  name: 'support-tone-tuning',
  preset: 'phi-3-mini-4k-instruct',
  inputUrls: ['https://example.com/datasets/support.parquet'],
  outputImage: 'myregistry.azurecr.io/adapters/support-tone:0.1.0',
  outputImagePushSecret: 'acr-push',
  instanceType: 'Standard_NC24ads_A100_v4',
  owner: 'group:default/ml-team',
};

describe('kaito:workspace:tune', () => {
  let backend: FakeKaitoBackend;
  let action: ReturnType<typeof createKaitoTuneWorkspaceAction>;

  beforeEach(async () => {
    const started = await startCreatingBackend();
    backend = started.backend;
    action = createKaitoTuneWorkspaceAction({ client: started.client });
  });

  afterEach(() => backend.close());

  it('creates a QLoRA tuning workspace by default and outputs the adapter to deploy', async () => {
    const { ctx, logger } = actionContext(input);

    await action.handler(ctx);

    expect(backend.requests.map(r => r.body)).toEqual([
      {
        cluster: 'local',
        namespace: 'default',
        name: 'support-tone-tuning',
        preset: 'phi-3-mini-4k-instruct',
        instanceType: 'Standard_NC24ads_A100_v4',
        owner: 'group:default/ml-team',
        tuning: {
          method: 'qlora',
          inputUrls: ['https://example.com/datasets/support.parquet'],
          outputImage: 'myregistry.azurecr.io/adapters/support-tone:0.1.0',
          outputImagePushSecret: 'acr-push',
        },
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('workspaceRef', 'local/default/support-tone-tuning');
    expect(ctx.output).toHaveBeenCalledWith('entityRef', 'resource:default/local-default-support-tone-tuning');
    expect(ctx.output).toHaveBeenCalledWith('tabUrl', '/catalog/default/resource/local-default-support-tone-tuning/kaito');
    expect(ctx.output).toHaveBeenCalledWith('detailUrl', '/kaito/local/default/support-tone-tuning');
    expect(ctx.output).toHaveBeenCalledWith('outputImage', 'myregistry.azurecr.io/adapters/support-tone:0.1.0');
    expect(ctx.output).toHaveBeenCalledWith('adapterName', 'support-tone-tuning');
    expect(logger.info).toHaveBeenCalledWith(
      'Created workspace local/default/support-tone-tuning: qlora tuning of phi-3-mini-4k-instruct on 1 × Standard_NC24ads_A100_v4 (1 GPU), about 3.20 USD/hour; trains on 1 dataset URL and pushes the adapter to myregistry.azurecr.io/adapters/support-tone:0.1.0',
    );
  });

  it('passes LoRA with a dataset image and a tuning ConfigMap through', async () => {
    const { ctx } = actionContext({
      ...input,
      method: 'lora',
      inputUrls: undefined,
      inputImage: 'myregistry.azurecr.io/datasets/support:1',
      config: 'support-tuning-params',
      component: 'component:default/support-assistant',
    });

    await action.handler(ctx);

    expect(backend.requests[0].body).toMatchObject({
      entityRef: 'component:default/support-assistant',
      tuning: {
        method: 'lora',
        inputImage: 'myregistry.azurecr.io/datasets/support:1',
        config: 'support-tuning-params',
      },
    });
    expect((backend.requests[0].body as any).tuning.inputUrls).toBeUndefined();
  });

  it('fails with the backend\'s messages when the request is invalid', async () => {
    const message = 'tuning.input: set exactly one of urls and image; tuning.output.image: not a valid image reference';
    refuseCreate(backend, 400, 'InputError', message);
    const { ctx } = actionContext({ ...input, inputImage: 'also-an-image', outputImage: 'Not An Image' });

    const error = await action.handler(ctx).catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`Creating workspace local/default/support-tone-tuning: ${message}`);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  describe('on a dry run', () => {
    it('validates only and outputs plausible values', async () => {
      const { ctx } = actionContext(input, { isDryRun: true });

      await action.handler(ctx);

      expect(backend.requests.map(r => r.body)).toEqual([expect.objectContaining({ dryRun: true, tuning: expect.anything() })]);
      expect(ctx.output).toHaveBeenCalledWith('workspaceRef', 'local/default/support-tone-tuning');
      expect(ctx.output).toHaveBeenCalledWith('outputImage', 'myregistry.azurecr.io/adapters/support-tone:0.1.0');
    });
  });
});
