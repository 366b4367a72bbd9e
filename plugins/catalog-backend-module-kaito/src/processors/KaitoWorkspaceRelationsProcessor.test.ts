import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { KaitoWorkspaceRelationsProcessor } from './KaitoWorkspaceRelationsProcessor';

const location = { type: 'kaito', target: 'local/default/support-phi' };

async function relationsOf(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const result = await new KaitoWorkspaceRelationsProcessor().postProcessEntity(entity, location, r => emitted.push(r));
  expect(result).toBe(entity);
  return emitted;
}

const resource = (spec: Record<string, unknown>, namespace?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'local-default-support-phi', ...(namespace ? { namespace } : {}) },
  spec: { owner: 'group:default/ml-team', ...spec },
});

describe('KaitoWorkspaceRelationsProcessor', () => {
  describe('for an llm-workspace Resource that serves a component', () => {
    it('links the component to the workspace and back', async () => {
      const emitted = await relationsOf(
        resource({ type: 'llm-workspace', dependencyOf: ['component:default/support-assistant'] }),
      );
      const component = { kind: 'component', namespace: 'default', name: 'support-assistant' };
      const workspace = { kind: 'Resource', namespace: 'default', name: 'local-default-support-phi' };
      expect(emitted).toEqual([
        { type: 'relation', relation: { source: component, type: 'hasLlmWorkspace', target: workspace } },
        { type: 'relation', relation: { source: workspace, type: 'llmWorkspaceOf', target: component } },
      ]);
    });

    it('defaults a ref\'s namespace to the workspace entity\'s, as the catalog does', async () => {
      const emitted = await relationsOf(resource({ type: 'llm-workspace', dependencyOf: ['component:chatbot'] }, 'ml'));
      expect(emitted[0]).toMatchObject({
        relation: { source: { kind: 'component', namespace: 'ml', name: 'chatbot' } },
      });
    });

    it('skips refs the catalog itself refuses (no kind, not a string)', async () => {
      const emitted = await relationsOf(resource({ type: 'llm-workspace', dependencyOf: ['chatbot', 42] }));
      expect(emitted).toEqual([]);
    });
  });

  it.each([
    ['a Resource of another type', resource({ type: 'database', dependencyOf: ['component:default/a'] })],
    ['a workspace serving nothing', resource({ type: 'llm-workspace' })],
    [
      'a Component',
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'a' },
        spec: { type: 'llm-workspace', dependencyOf: ['component:default/b'] },
      } as Entity,
    ],
  ])('emits nothing for %s', async (_, entity) => {
    expect(await relationsOf(entity)).toEqual([]);
  });
});
