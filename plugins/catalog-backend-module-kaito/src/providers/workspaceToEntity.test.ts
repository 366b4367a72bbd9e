import { WorkspaceSummary } from '@kaito-backstage/plugin-kaito-common';
import { workspaceToEntity } from './workspaceToEntity';

const summary: WorkspaceSummary = {
  ref: { cluster: 'local', namespace: 'default', name: 'support-phi' },
  key: 'local/default/support-phi',
  kind: 'inference',
  preset: 'phi-3-mini-4k-instruct',
  runtime: 'vllm',
  instanceType: 'Standard_NV36ads_A10_v5',
  state: 'Ready',
  columns: {},
  targetNodeCount: 1,
  gpuCount: 1,
  owner: 'group:default/ml-team',
  entityRef: 'component:default/support-assistant',
  deleting: false,
};

describe('workspaceToEntity', () => {
  it('makes an llm-workspace Resource owned by the requesting group and a dependency of its component', () => {
    expect(workspaceToEntity(summary, { appBaseUrl: 'http://localhost:3000' })).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'local-default-support-phi',
        title: 'support-phi',
        description: 'Serves phi-3-mini-4k-instruct on Standard_NV36ads_A10_v5 in local/default.',
        annotations: {
          'backstage.kaito.sh/workspace': 'local/default/support-phi',
          'backstage.io/managed-by-location': 'kaito:local/default/support-phi',
          'backstage.io/managed-by-origin-location': 'kaito:local/default/support-phi',
        },
        tags: ['kaito', 'inference', 'phi-3-mini-4k-instruct'],
        links: [{ url: 'http://localhost:3000/kaito', title: 'All LLM workspaces', icon: 'dashboard' }],
      },
      spec: {
        type: 'llm-workspace',
        owner: 'group:default/ml-team',
        dependencyOf: ['component:default/support-assistant'],
      },
    });
  });

  it('links to the LLM workspaces page where the app mounts it (kaito.portal.workspacesPath)', () => {
    expect(workspaceToEntity(summary, { appBaseUrl: 'https://portal.example.com/', workspacesPath: '/ai/llm' }).metadata.links).toEqual([
      { url: 'https://portal.example.com/ai/llm', title: 'All LLM workspaces', icon: 'dashboard' },
    ]);
  });

  it('describes a tuning workspace without an owner or component', () => {
    const entity = workspaceToEntity(
      { ...summary, kind: 'tuning', owner: undefined, entityRef: undefined, instanceType: undefined },
    );
    expect(entity.metadata.description).toBe('Fine-tuning of phi-3-mini-4k-instruct on bring-your-own nodes in local/default.');
    expect(entity.spec).toEqual({ type: 'llm-workspace', owner: 'group:default/unowned' });
  });
});
