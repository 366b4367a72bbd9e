import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { actionContext, refuseCreate, startCreatingBackend } from '../__testUtils__/actionHarness';
import type { FakeKaitoBackend } from '../__testUtils__/fakeKaitoBackend';
import { createKaitoCreateWorkspaceAction } from './createWorkspace';

const input = {
  cluster: 'local',
  namespace: 'default',
  name: 'support-phi-3',
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NV36ads_A10_v5',
  owner: 'group:default/ml-team',
  component: 'component:default/support-assistant',
};

describe('kaito:workspace:create', () => {
  let backend: FakeKaitoBackend;
  let action: ReturnType<typeof createKaitoCreateWorkspaceAction>;

  beforeEach(async () => {
    const started = await startCreatingBackend();
    backend = started.backend;
    action = createKaitoCreateWorkspaceAction({ client: started.client });
  });

  afterEach(() => backend.close());

  it('creates the workspace and outputs its key, entity and tab', async () => {
    const { ctx, logger } = actionContext(input);

    await action.handler(ctx);

    expect(backend.requests.map(r => r.body)).toEqual([
      {
        cluster: 'local',
        namespace: 'default',
        name: 'support-phi-3',
        preset: 'phi-3-mini-4k-instruct',
        instanceType: 'Standard_NV36ads_A10_v5',
        owner: 'group:default/ml-team',
        entityRef: 'component:default/support-assistant',
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('workspaceRef', 'local/default/support-phi-3');
    expect(ctx.output).toHaveBeenCalledWith('entityRef', 'resource:default/local-default-support-phi-3');
    expect(ctx.output).toHaveBeenCalledWith('tabUrl', '/catalog/default/resource/local-default-support-phi-3/kaito');
    expect(ctx.output).toHaveBeenCalledWith('detailUrl', '/kaito/local/default/support-phi-3');
    expect(logger.info).toHaveBeenCalledWith(
      'Created workspace local/default/support-phi-3: phi-3-mini-4k-instruct on 1 × Standard_NV36ads_A10_v5 (1 GPU), about 3.20 USD/hour',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Follow local/default/support-phi-3 while it provisions: /kaito/local/default/support-phi-3',
    );
    expect(logger.warn).toHaveBeenCalledWith('resource.instanceType: Standard_NC6 is retired');
  });

  it('calls the backend as the user who started the task', async () => {
    const { ctx } = actionContext(input);
    ctx.getInitiatorCredentials = async () => mockCredentials.user('user:default/guest');

    await action.handler(ctx);

    expect(backend.requests[0].headers.authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.user('user:default/guest'),
        targetPluginId: 'kaito',
      })}`,
    );
  });

  it('passes the inference options through', async () => {
    const { ctx } = actionContext({
      ...input,
      count: 2,
      runtime: 'vllm',
      nodeSelector: { apps: 'phi-3' },
      adapters: [{ name: 'support-tone', image: 'myregistry.azurecr.io/adapters/support-tone:0.1.0', strength: '0.5' }],
      inferenceConfig: 'phi-3-config',
      modelAccessSecret: 'hf-token',
    });

    await action.handler(ctx);

    expect(backend.requests[0].body).toMatchObject({
      count: 2,
      runtime: 'vllm',
      nodeSelector: { apps: 'phi-3' },
      adapters: [{ name: 'support-tone', image: 'myregistry.azurecr.io/adapters/support-tone:0.1.0', strength: '0.5' }],
      inferenceConfig: 'phi-3-config',
      modelAccessSecret: 'hf-token',
    });
  });

  it('says when Kaito provisions another node count than the one asked for', async () => {
    const { ctx, logger } = actionContext({ ...input, count: 20 });

    await action.handler(ctx);

    expect(logger.warn).toHaveBeenCalledWith('Kaito sizes this workspace itself: it provisions 1 node, not the 20 asked for');
    expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/on 1 × Standard_NV36ads_A10_v5 \(1 GPU\)/));
  });

  it('stays quiet about the node count when the plan matches the request', async () => {
    const { ctx, logger } = actionContext({ ...input, count: 1 });

    await action.handler(ctx);

    expect(logger.warn).not.toHaveBeenCalledWith(expect.stringMatching(/sizes this workspace itself/));
  });

  describe('when optional fields are left out or empty', () => {
    it('uses namespace default, the initiating user as owner, and leaves the rest out', async () => {
      const { ctx } = actionContext(
        {
          cluster: 'local',
          name: 'support-phi-3',
          preset: 'phi-3-mini-4k-instruct',
          instanceType: '',
          owner: '',
          component: ' ',
          adapters: [],
          nodeSelector: {},
        },
        { user: { ref: 'user:default/guest' } },
      );

      await action.handler(ctx);

      expect(backend.requests[0].body).toEqual({
        cluster: 'local',
        namespace: 'default',
        name: 'support-phi-3',
        preset: 'phi-3-mini-4k-instruct',
        owner: 'user:default/guest',
      });
      expect(ctx.output).toHaveBeenCalledWith('workspaceRef', 'local/default/support-phi-3');
    });

    it('refuses to go on without any owner', async () => {
      const { ctx } = actionContext({ ...input, owner: undefined });

      await expect(action.handler(ctx)).rejects.toThrow(InputError);
      expect(backend.requests).toEqual([]);
    });
  });

  describe('when the backend refuses the request', () => {
    it.each([
      {
        why: 'the input breaks Kaito\'s rules',
        status: 400,
        name: 'InputError',
        message: 'name: must be a DNS-1123 label; resource.instanceType: Standard_XYZ is not a known instance type',
        expected: InputError,
      },
      {
        why: 'the owner is over quota',
        status: 403,
        name: 'NotAllowedError',
        message: 'GPU quota of group:default/ml-team exceeded: 8 in use + 8 requested > 8',
        expected: NotAllowedError,
      },
    ])('fails with every message when $why', async ({ status, name, message, expected }) => {
      refuseCreate(backend, status, name, message);
      const { ctx } = actionContext(input);

      const error = await action.handler(ctx).catch(e => e);

      expect(error).toBeInstanceOf(expected);
      expect(error.message).toBe(`Creating workspace local/default/support-phi-3: ${message}`);
      expect(ctx.output).not.toHaveBeenCalled();
    });
  });

  describe('on a dry run', () => {
    it('only asks the backend to validate and still outputs the links', async () => {
      const { ctx, logger } = actionContext(input, { isDryRun: true });

      await action.handler(ctx);

      expect(backend.requests.map(r => r.body)).toEqual([expect.objectContaining({ dryRun: true })]);
      expect(ctx.output).toHaveBeenCalledWith('workspaceRef', 'local/default/support-phi-3');
      expect(ctx.output).toHaveBeenCalledWith('tabUrl', '/catalog/default/resource/local-default-support-phi-3/kaito');
      expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/^Dry run: workspace local\/default\/support-phi-3 is valid/));
    });

    it('fails with the validation messages like a real run', async () => {
      refuseCreate(backend, 400, 'InputError', 'preset: no preset named phi-9');
      const { ctx } = actionContext({ ...input, preset: 'phi-9' }, { isDryRun: true });

      await expect(action.handler(ctx)).rejects.toThrow('Checking workspace local/default/support-phi-3: preset: no preset named phi-9');
    });
  });

  describe('when the task is resumed after a restart', () => {
    it('does not create the workspace a second time', async () => {
      const { ctx } = actionContext(input);
      const stored = new Map<string, unknown>();
      ctx.checkpoint = (async ({ key, fn }: { key: string; fn: () => Promise<unknown> }) => {
        if (!stored.has(key)) {
          stored.set(key, await fn());
        }
        return stored.get(key);
      }) as typeof ctx.checkpoint;

      await action.handler(ctx);
      await action.handler(ctx);

      expect(backend.requests).toHaveLength(1);
      expect(ctx.output).toHaveBeenCalledTimes(8);
    });
  });
});
