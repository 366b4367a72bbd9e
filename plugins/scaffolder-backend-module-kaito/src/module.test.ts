import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint, TemplateAction } from '@backstage/plugin-scaffolder-node';
import { actionContext, startCreatingBackend } from './__testUtils__/actionHarness';
import { scaffolderModuleKaito } from './module';

describe('scaffolderModuleKaito', () => {
  it('registers the four kaito:workspace actions with examples and dry-run support', async () => {
    const actions: TemplateAction<any, any, any>[] = [];

    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions: (...added: any[]) => actions.push(...added) }]],
      features: [scaffolderModuleKaito],
    });

    expect(actions.map(a => a.id).sort()).toEqual([
      'kaito:workspace:create',
      'kaito:workspace:render',
      'kaito:workspace:tune',
      'kaito:workspace:wait',
    ]);
    for (const action of actions) {
      expect(action).toMatchObject({ supportsDryRun: true, description: expect.stringMatching(/^.{60,}$/) });
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.input).toMatchObject({ type: 'object', properties: expect.any(Object) });
    }
  });

  /** The module's actions, with the kaito backend at `discovery` and this root config. */
  async function moduleActions(config: object, discovery = mockServices.discovery()) {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions: (...added: any[]) => actions.push(...added) }]],
      features: [
        scaffolderModuleKaito,
        mockServices.rootConfig.factory({ data: config }),
        createServiceFactory({ service: coreServices.discovery, deps: {}, factory: () => discovery }),
      ],
    });
    return actions;
  }

  it('links the created workspace under the LLM workspaces page that kaito.portal.workspacesPath names', async () => {
    const { backend } = await startCreatingBackend();
    try {
      const actions = await moduleActions({ kaito: { portal: { workspacesPath: '/ai/llm' } } }, backend.discovery);
      const create = actions.find(a => a.id === 'kaito:workspace:create')!;
      const { ctx, logger } = actionContext({
        cluster: 'local',
        namespace: 'default',
        name: 'support-phi-3',
        preset: 'phi-3-mini-4k-instruct',
        instanceType: 'Standard_NV36ads_A10_v5',
        owner: 'group:default/ml-team',
      });
      await create.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('detailUrl', '/ai/llm/local/default/support-phi-3');
      expect(logger.info).toHaveBeenCalledWith('Follow local/default/support-phi-3 while it provisions: /ai/llm/local/default/support-phi-3');
    } finally {
      await backend.close();
    }
  });

  it('refuses to start with a workspacesPath that is no app path', async () => {
    await expect(moduleActions({ kaito: { portal: { workspacesPath: 'ai/llm' } } })).rejects.toThrow(
      "kaito.portal.workspacesPath: 'ai/llm' is not an app path",
    );
  });
});
