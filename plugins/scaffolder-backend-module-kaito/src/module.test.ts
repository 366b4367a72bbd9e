import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint, TemplateAction } from '@backstage/plugin-scaffolder-node';
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
});
